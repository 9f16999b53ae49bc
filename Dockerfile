# The Glimpse server: Node 20 on Debian slim, Debian's ffmpeg, production dependencies only, a non-root user,
# tini as PID 1 (signals reach node, so `docker compose stop` closes the index cleanly), and a health check.
# Built by docker-compose.yml (service "server"); on its own: docker build -t glimpse-server .

FROM node:20-bookworm-slim AS build
WORKDIR /src
# onnxruntime-node's install script would download CUDA files; Glimpse uses the CPU build the package ships.
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY . .
# Installs everything, then builds every package (the root's "prepare": tsc -b and the web app).
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends ffmpeg tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    GLIMPSE_USE_DIST=1 \
    ONNXRUNTIME_NODE_INSTALL=skip \
    GLIMPSE_HOST=0.0.0.0 \
    GLIMPSE_PORT=7788 \
    GLIMPSE_DATA_DIR=/data \
    GLIMPSE_MODEL_DIR=/models
WORKDIR /app
COPY --from=build /src/package.json /src/package-lock.json /src/.npmrc ./
COPY --from=build /src/packages ./packages
# Production dependencies only; the packages are already built (no scripts: "prepare" would need the dev tools).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && rm -rf /root/.npm \
  && ln -s /app/packages/http-koa/bin/glimpse.js /usr/local/bin/glimpse \
  && mkdir -p /data /models \
  && chown node:node /data /models
USER node
VOLUME ["/data", "/models"]
EXPOSE 7788
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:7788/api/v1/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "glimpse"]
CMD ["serve"]
