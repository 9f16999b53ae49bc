// Generated from the API document (packages/http-koa/src/openapi.ts) by `npm run api-types`; do not edit.
export interface paths {
  readonly '/docs': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** This document as a page */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description text/html */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/health': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Liveness */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The process answers */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Health'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/index': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** What the index holds */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Counts */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['IndexStats'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    /** Delete the file records and the vectors of every model (the next scan rebuilds them) */
    readonly delete: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Counts after the reset */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['IndexReset'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/index/failed': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Files that could not be indexed, with the reason */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          readonly limit?: number;
          readonly offset?: number;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description One page of failed files, and how many there are */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['FailedFiles'];
          };
        };
        /** @description An error with a message for a person */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/index/prune': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /** Delete now the vectors kept for files that left the index (instead of after the grace period) */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Counts after the prune, with `dropped` */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['IndexPruned'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/index/verify': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /** Check that the file records and the vectors agree and that the database is sound; {"repair": true} also fixes what can be fixed without embedding again */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: {
        readonly content: {
          readonly 'application/json': {
            readonly repair?: boolean;
          };
        };
      };
      readonly responses: {
        /** @description What was found, repaired and remains */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['VerifyReport'];
          };
        };
        /** @description An error with a message for a person */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/media/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** What Glimpse knows about one file */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path: {
          /** @description A media id */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The file */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Media'];
          };
        };
        /** @description An error with a message for a person */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description An error with a message for a person */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/media/{id}/file': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** The original file; honours Range for video seeking */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path: {
          /** @description A media id */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The whole file */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content?: never;
        };
        /** @description The requested byte range */
        readonly 206: {
          headers: {
            readonly [name: string]: unknown;
          };
          content?: never;
        };
        /** @description An error with a message for a person */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description An error with a message for a person */
        readonly 416: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/media/{id}/frame': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** A video frame at a time, as JPEG */
    readonly get: {
      readonly parameters: {
        readonly query: {
          readonly size?: 160 | 320 | 640;
          readonly t: number;
        };
        readonly header?: never;
        readonly path: {
          /** @description A media id */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description A JPEG */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'image/jpeg': string;
          };
        };
        /** @description An error with a message for a person */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description An error with a message for a person */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/media/{id}/similar': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Items that look like this one */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          /** @description Only items whose camera's make or model contains this (case and accents ignored), e.g. iphone */
          readonly camera?: string;
          /** @description Only items inside this absolute folder */
          readonly folder?: string;
          /** @description Taken on or after */
          readonly from?: string;
          readonly kind?: 'image' | 'video';
          /** @description Only items whose lens contains this */
          readonly lens?: string;
          readonly limit?: number;
          readonly offset?: number;
          /** @description Only items taken in a town, region or country containing this, or with this country code: Lisbon, PT */
          readonly place?: string;
          /** @description Taken on or before */
          readonly to?: string;
        };
        readonly header?: never;
        readonly path: {
          /** @description A media id */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Best first */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['SearchResults'];
          };
        };
        /** @description An error with a message for a person */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description An error with a message for a person */
        readonly 409: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/media/{id}/thumbnail': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** A JPEG thumbnail (made once, cached by content) */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          readonly size?: 160 | 320 | 640;
          /** @description Content version from search results */
          readonly v?: string;
        };
        readonly header?: never;
        readonly path: {
          /** @description A media id */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description A JPEG */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'image/jpeg': string;
          };
        };
        /** @description Not modified */
        readonly 304: {
          headers: {
            readonly [name: string]: unknown;
          };
          content?: never;
        };
        /** @description An error with a message for a person */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/metrics': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Prometheus metrics */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description text/plain */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/openapi.json': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** This document */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description OpenAPI 3.1 */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/ready': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Readiness: database, vector store and model */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Ready */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Readiness'];
          };
        };
        /** @description Not ready; checks say which part */
        readonly 503: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Readiness'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/scans': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Scans, newest first */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Scans */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['ScanList'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly put?: never;
    /** Start a scan (or get the one running) */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: {
        readonly content: {
          readonly 'application/json': {
            /** @enum {string} */
            readonly mode?: 'incremental' | 'reindex';
          };
        };
      };
      readonly responses: {
        /** @description The scan already running (created: false) */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['ScanStarted'];
          };
        };
        /** @description Started (created: true) */
        readonly 202: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['ScanStarted'];
          };
        };
        /** @description An error with a message for a person */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/scans/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** One scan */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path: {
          /** @description A media id */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The scan */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['ScanJob'];
          };
        };
        /** @description An error with a message for a person */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    /** Cancel a scan */
    readonly delete: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path: {
          /** @description A media id */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The scan */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['ScanJob'];
          };
        };
        /** @description An error with a message for a person */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/scans/{id}/events': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Progress as Server-Sent Events: progress, status, and a last done */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path: {
          /** @description A media id */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description text/event-stream; each data is a ScanJob */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content?: never;
        };
        /** @description An error with a message for a person */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/scope': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** The folders and files indexed */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The scope */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Scope'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    /** Change the scope; saved, and a scan starts */
    readonly put: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': components['schemas']['ScopeInput'];
        };
      };
      readonly responses: {
        /** @description The saved scope, the folders added and removed, leavingFiles (indexed files the next scan takes out), and the scan it started */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['ScopeChange'];
          };
        };
        /** @description Not valid, or a new folder does not exist or is not a folder: nothing is saved */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/search': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Search by text
     * @description A date ("July 2023", "2019", "summer 2021", 2024-03-02), a kind ("videos") and a place the library holds ("Lisbon") in q become filters, listed in understood; the rest is searched for (text).
     */
    readonly get: {
      readonly parameters: {
        readonly query: {
          /** @description Only items whose camera's make or model contains this (case and accents ignored), e.g. iphone */
          readonly camera?: string;
          /** @description Only items inside this absolute folder */
          readonly folder?: string;
          /** @description Taken on or after */
          readonly from?: string;
          readonly kind?: 'image' | 'video';
          /** @description Only items whose lens contains this */
          readonly lens?: string;
          readonly limit?: number;
          readonly offset?: number;
          /** @description Only items taken in a town, region or country containing this, or with this country code: Lisbon, PT */
          readonly place?: string;
          readonly q: string;
          /** @description fused: by meaning and by keyword (names, folders, cameras, places) together */
          readonly ranking?: 'fused' | 'meaning' | 'keywords';
          /** @description Parts not to read as filters: date, kind, place (comma-separated), or all */
          readonly skip?: string;
          /** @description Taken on or before */
          readonly to?: string;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Best first */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['SearchResults'];
          };
        };
        /** @description An error with a message for a person */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description An error with a message for a person */
        readonly 503: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/search/by-image': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /** Search with a picture */
    readonly post: {
      readonly parameters: {
        readonly query?: {
          /** @description Only items whose camera's make or model contains this (case and accents ignored), e.g. iphone */
          readonly camera?: string;
          /** @description Only items inside this absolute folder */
          readonly folder?: string;
          /** @description Taken on or after */
          readonly from?: string;
          readonly kind?: 'image' | 'video';
          /** @description Only items whose lens contains this */
          readonly lens?: string;
          readonly limit?: number;
          readonly offset?: number;
          /** @description Only items taken in a town, region or country containing this, or with this country code: Lisbon, PT */
          readonly place?: string;
          /** @description Taken on or before */
          readonly to?: string;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'image/*': string;
          readonly 'multipart/form-data': {
            /** Format: binary */
            readonly image?: string;
          };
        };
      };
      readonly responses: {
        /** @description Best first */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['SearchResults'];
          };
        };
        /** @description An error with a message for a person */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description An error with a message for a person */
        readonly 413: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description An error with a message for a person */
        readonly 415: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
        /** @description Any other status: an error with a message for a person */
        readonly default: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    readonly Error: {
      readonly error: {
        readonly kind: string;
        readonly message: string;
      };
    };
    readonly FailedFiles: {
      readonly files: readonly {
        readonly error: string | null;
        readonly id: string;
        /** @enum {string} */
        readonly kind: 'image' | 'video';
        readonly path: string;
      }[];
      readonly total: number;
    };
    readonly Health: {
      /** @constant */
      readonly status: 'ok';
    };
    readonly IndexPruned: {
      readonly contents: number;
      readonly dropped: number;
      readonly failedFiles: number;
      readonly files: number;
      readonly indexedContents: number;
      readonly message: string;
      readonly modelId: string;
      /** @description Items whose files left the index, keeping their vectors for the grace period */
      readonly released: {
        readonly contents: number;
        /** Format: date-time */
        readonly dropsAfter: string | null;
        readonly graceDays: number;
        /** Format: date-time */
        readonly oldest: string | null;
        readonly points: number;
      };
      /** @description Pictures whose text was read (OCR), and how many have some */
      readonly text: {
        readonly read: number;
        readonly withText: number;
      };
    };
    readonly IndexReset: {
      readonly contents: number;
      /** @constant */
      readonly deleted: true;
      readonly failedFiles: number;
      readonly files: number;
      readonly indexedContents: number;
      readonly message: string;
      readonly modelId: string;
      /** @description Items whose files left the index, keeping their vectors for the grace period */
      readonly released: {
        readonly contents: number;
        /** Format: date-time */
        readonly dropsAfter: string | null;
        readonly graceDays: number;
        /** Format: date-time */
        readonly oldest: string | null;
        readonly points: number;
      };
      /** @description Pictures whose text was read (OCR), and how many have some */
      readonly text: {
        readonly read: number;
        readonly withText: number;
      };
    };
    readonly IndexStats: {
      readonly contents: number;
      readonly failedFiles: number;
      readonly files: number;
      readonly indexedContents: number;
      readonly modelId: string;
      /** @description Items whose files left the index, keeping their vectors for the grace period */
      readonly released: {
        readonly contents: number;
        /** Format: date-time */
        readonly dropsAfter: string | null;
        readonly graceDays: number;
        /** Format: date-time */
        readonly oldest: string | null;
        readonly points: number;
      };
      /** @description Pictures whose text was read (OCR), and how many have some */
      readonly text: {
        readonly read: number;
        readonly withText: number;
      };
    };
    readonly Media: {
      readonly camera: string | null;
      readonly contentHash: string | null;
      readonly durationSec: number | null;
      readonly error: string | null;
      readonly height: number | null;
      readonly id: string;
      readonly indexed: boolean;
      /** @enum {string} */
      readonly kind: 'image' | 'video';
      readonly lens: string | null;
      readonly location: {
        readonly latitude: number;
        readonly longitude: number;
      } | null;
      readonly mediaUrl: string;
      readonly path: string;
      readonly paths: readonly string[];
      readonly place: components['schemas']['Place'] | null;
      readonly similarUrl: string;
      readonly size: number;
      /** @enum {string} */
      readonly status: 'ok' | 'failed';
      /** Format: date-time */
      readonly takenAt: string | null;
      readonly takenAtOffsetMin: number | null;
      /** @description metadata: the date the file records; file-modified: it records none, so its modification time */
      readonly takenAtSource: ('metadata' | 'file-modified') | null;
      /** @description The text read in the picture (OCR), one line per line; '' when it has none; null until read (or for videos) */
      readonly text: string | null;
      readonly thumbnailUrl: string;
      readonly width: number | null;
    };
    readonly Place: {
      readonly city: string;
      readonly country: string;
      readonly countryCode: string;
      readonly region: string | null;
    };
    readonly Readiness: {
      /** @description Each part: "ok", or what is wrong */
      readonly checks: {
        readonly [key: string]: string;
      };
      /** @description A model download in progress */
      readonly download?: {
        readonly bytes: number;
        readonly file: string;
        readonly model: string;
        readonly total: number;
      };
      /** @enum {string} */
      readonly status: 'ready' | 'not-ready';
    };
    readonly ScanJob: {
      readonly counts: {
        readonly deferred: number;
        readonly deleted: number;
        readonly embedded: number;
        readonly failed: number;
        readonly hashed: number;
        readonly links: number;
        readonly modified: number;
        readonly moved: number;
        readonly new: number;
        readonly released: number;
        readonly restored: number;
        readonly seen: number;
        readonly skipped: number;
        readonly swept: number;
        readonly textRead: number;
        readonly unchanged: number;
        readonly unsupported: number;
      };
      readonly durationMs: number | null;
      readonly error: string | null;
      readonly errorCount: number;
      readonly errors: readonly {
        readonly path: string;
        readonly reason: string;
      }[];
      readonly eventsUrl: string;
      /** Format: date-time */
      readonly finishedAt: string | null;
      readonly id: string;
      /** @enum {string} */
      readonly mode: 'incremental' | 'reindex';
      readonly offlineRoots: readonly string[];
      readonly progress: {
        readonly done: number;
        readonly phase: string;
        readonly total: number | null;
      } | null;
      /** Format: date-time */
      readonly requestedAt: string;
      /** Format: date-time */
      readonly startedAt: string | null;
      /** @enum {string} */
      readonly status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
      /** @enum {string} */
      readonly trigger: 'startup' | 'request' | 'scope-change';
      readonly url: string;
    };
    readonly ScanList: {
      readonly scans: readonly components['schemas']['ScanJob'][];
    };
    readonly ScanStarted: {
      readonly counts: {
        readonly deferred: number;
        readonly deleted: number;
        readonly embedded: number;
        readonly failed: number;
        readonly hashed: number;
        readonly links: number;
        readonly modified: number;
        readonly moved: number;
        readonly new: number;
        readonly released: number;
        readonly restored: number;
        readonly seen: number;
        readonly skipped: number;
        readonly swept: number;
        readonly textRead: number;
        readonly unchanged: number;
        readonly unsupported: number;
      };
      readonly created: boolean;
      readonly durationMs: number | null;
      readonly error: string | null;
      readonly errorCount: number;
      readonly errors: readonly {
        readonly path: string;
        readonly reason: string;
      }[];
      readonly eventsUrl: string;
      /** Format: date-time */
      readonly finishedAt: string | null;
      readonly id: string;
      /** @enum {string} */
      readonly mode: 'incremental' | 'reindex';
      readonly offlineRoots: readonly string[];
      readonly progress: {
        readonly done: number;
        readonly phase: string;
        readonly total: number | null;
      } | null;
      /** Format: date-time */
      readonly requestedAt: string;
      /** Format: date-time */
      readonly startedAt: string | null;
      /** @enum {string} */
      readonly status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
      /** @enum {string} */
      readonly trigger: 'startup' | 'request' | 'scope-change';
      readonly url: string;
    };
    readonly Scope: {
      readonly exclude: readonly string[];
      readonly extensions: {
        readonly image: readonly string[];
        readonly video: readonly string[];
      };
      readonly include: readonly string[];
      readonly includeHidden: boolean;
      readonly maxFileSize: number | null;
      readonly roots: readonly string[];
    };
    readonly ScopeChange: {
      readonly addedRoots: readonly string[];
      readonly leavingFiles: number;
      readonly message: string;
      readonly removedRoots: readonly string[];
      readonly scan: components['schemas']['ScanJob'] | null;
      readonly scope: components['schemas']['Scope'];
    };
    /** @description Only the fields to change */
    readonly ScopeInput: {
      readonly exclude?: readonly string[];
      readonly extensions?: {
        readonly image: readonly string[];
        readonly video: readonly string[];
      };
      readonly include?: readonly string[];
      readonly includeHidden?: boolean;
      readonly maxFileSize?: number | null;
      readonly roots?: readonly string[];
    };
    readonly SearchResult: {
      readonly camera: string | null;
      readonly durationSec: number | null;
      readonly height: number | null;
      readonly id: string;
      /** @enum {string} */
      readonly kind: 'image' | 'video';
      readonly lens: string | null;
      readonly mediaUrl: string;
      /** @description The same shot in other files: the camera RAW beside this JPEG (same folder, same name, another extension); a RAW whose JPEG is indexed is not a result of its own */
      readonly pairedWith: readonly string[];
      readonly path: string;
      readonly paths: readonly string[];
      readonly place: components['schemas']['Place'] | null;
      readonly score: number;
      readonly segments: readonly components['schemas']['Segment'][];
      /** Format: date-time */
      readonly takenAt: string | null;
      /** @description metadata: the date the file records; file-modified: it records none, so its modification time */
      readonly takenAtSource: ('metadata' | 'file-modified') | null;
      readonly thumbnailUrl: string;
      readonly why: components['schemas']['Why'];
      readonly width: number | null;
    };
    readonly SearchResults: {
      readonly query?: string;
      readonly results: readonly components['schemas']['SearchResult'][];
      readonly text?: string;
      readonly understood?: readonly components['schemas']['Understood'][];
    };
    readonly Segment: {
      readonly endSec: number | null;
      readonly frameSec: number | null;
      readonly frameUrl: string | null;
      readonly score: number;
      readonly startSec: number | null;
    };
    /** @description A part of the query read as a filter: a date range, a kind or a place (remove it with skip=<type>) */
    readonly Understood: {
      /** Format: date-time */
      readonly from: string | null;
      readonly kind: ('image' | 'video') | null;
      readonly place: string | null;
      readonly text: string;
      /** Format: date-time */
      readonly to: string | null;
      /** @enum {string} */
      readonly type: 'date' | 'kind' | 'place';
    };
    readonly VerifyReport: {
      readonly checked: {
        readonly contents: number;
        readonly files: number;
        readonly vectorContents: number;
      };
      readonly consistent: boolean;
      readonly problems: readonly {
        readonly count: number;
        readonly examples: readonly string[];
        readonly kind: string;
        readonly message: string;
      }[];
      readonly remaining: readonly {
        readonly count: number;
        readonly examples: readonly string[];
        readonly kind: string;
        readonly message: string;
      }[];
      readonly repairs: readonly string[];
    };
    /** @description Why a result is here: its rank by meaning, its keyword match (the field, its text, the [start, end) ranges of the words matched), and the fused score (reciprocal rank fusion, +1 for an exact file name or a phrase of the text in the picture) that ranked it */
    readonly Why: {
      readonly fused: number | null;
      readonly keyword: {
        readonly exact: boolean;
        /** @enum {string} */
        readonly field: 'name' | 'text' | 'folder' | 'camera' | 'lens' | 'place';
        readonly marks: readonly (readonly number[])[];
        readonly score: number;
        readonly text: string;
      } | null;
      readonly keywordRank: number | null;
      readonly vectorRank: number | null;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
