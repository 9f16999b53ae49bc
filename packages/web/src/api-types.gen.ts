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
    readonly get: operations['docs'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/folders': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The folders in a folder of this computer (the settings' folder picker)
     * @description Folders only (links to folders too), never files; hidden ones only with hidden=true. Answered only to a client on this computer (loopback), same-origin like every route.
     */
    readonly get: operations['listFolders'];
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
    /**
     * Liveness
     * @description The one request answered without the key: it tells nothing but that the process answers.
     */
    readonly get: operations['health'];
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
    readonly get: operations['getIndex'];
    readonly put?: never;
    readonly post?: never;
    /**
     * Delete the file records and the vectors of every model (the next scan rebuilds them)
     * @description A running scan is stopped first.
     */
    readonly delete: operations['deleteIndex'];
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
    readonly get: operations['listFailedFiles'];
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
    /**
     * Delete now the vectors kept for files that left the index (instead of after the grace period)
     * @description A body, if any, is not read.
     */
    readonly post: operations['pruneIndex'];
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
    /**
     * Check that the file records and the vectors agree and that the database is sound; {"repair": true} also fixes what can be fixed without embedding again
     * @description Waits for a running scan. 200 whether or not the index is sound: the report says.
     */
    readonly post: operations['verifyIndex'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/library': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The library by date, newest taken first
     * @description Items indexed for the model in use that a file holds; a RAW+JPEG pair shows once, as the JPEG.
     */
    readonly get: operations['browseLibrary'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/library/months': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** How many items the library has in each month, newest first (for a jump to a month) */
    readonly get: operations['libraryMonths'];
    readonly put?: never;
    readonly post?: never;
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
    readonly get: operations['getMedia'];
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
    readonly get: operations['getMediaFile'];
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
    readonly get: operations['getFrame'];
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
    readonly get: operations['similarMedia'];
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
    /**
     * A JPEG thumbnail (made once, cached by content)
     * @description For a video, a frame a little in (a tenth of its length, at most 10 s).
     */
    readonly get: operations['getThumbnail'];
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
    readonly get: operations['metrics'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/models': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The model in use and the models on this computer
     * @description Answered only to a client on this computer (loopback).
     */
    readonly get: operations['listModels'];
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
    readonly get: operations['openApi'];
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
    readonly get: operations['ready'];
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
    readonly get: operations['listScans'];
    readonly put?: never;
    /** Start a scan (or get the one running) */
    readonly post: operations['startScan'];
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
    readonly get: operations['getScan'];
    readonly put?: never;
    readonly post?: never;
    /**
     * Cancel a scan
     * @description A queued scan is cancelled at once; a running one stops at its next checkpoint; a finished one is left as it is.
     */
    readonly delete: operations['cancelScan'];
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
    readonly get: operations['scanEvents'];
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
    readonly get: operations['getScope'];
    /**
     * Change the scope; saved, and a scan starts
     * @description Only the fields given change. A scan that runs is cancelled and a new one starts (none when there are no folders).
     */
    readonly put: operations['changeScope'];
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
    readonly get: operations['searchText'];
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
    /**
     * Search with a picture
     * @description The search parameters may also be sent as fields of the form. The picture is limited in bytes (GLIMPSE_MAX_UPLOAD_MB, 25 by default) and in pixels (GLIMPSE_MAX_UPLOAD_MEGAPIXELS, 50 by default).
     */
    readonly post: operations['searchByImage'];
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
        /** @description What went wrong, for a program: invalid-input, not-found, conflict, cancelled, too-large, unsupported-media, corrupt-media, unavailable, unauthorized, forbidden or internal */
        readonly kind: string;
        /** @description What went wrong and what to do, for a person */
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
    readonly Folders: {
      readonly folders: readonly {
        readonly name: string;
        readonly path: string;
      }[];
      readonly home: string;
      /** @description Folders left out past the first 2,000 */
      readonly more: number;
      readonly parent: string | null;
      readonly path: string;
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
    readonly LibraryMonths: {
      readonly months: readonly {
        readonly count: number;
        /** @description YYYY-MM (UTC); null for the items with no date */
        readonly month: string | null;
      }[];
      readonly total: number;
    };
    /** @description A page of the library, newest taken first (undated last); score is 0 and why is empty: nothing ranked them */
    readonly LibraryPage: {
      /** @description Where the next page starts; null: this was the last */
      readonly nextOffset: number | null;
      readonly results: readonly components['schemas']['SearchResult'][];
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
    readonly Models: {
      readonly inUse: {
        readonly error: string | null;
        readonly id: string;
        /** @description The hub name or folder it is loaded from */
        readonly model: string;
        /** @enum {string} */
        readonly state: 'loading' | 'ready' | 'failed';
      };
      /** @description Where downloaded models live (GLIMPSE_MODEL_DIR) */
      readonly modelDir: string;
      readonly onDisk: readonly {
        readonly complete: boolean;
        readonly id: string;
        readonly path: string;
      }[];
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
      readonly missing?: readonly {
        readonly fix: string;
        readonly message: string;
        /** @enum {string} */
        readonly part: 'database' | 'vectorStore' | 'model';
      }[];
      /** @enum {string} */
      readonly status: 'ready' | 'not-ready';
    };
    /** @description How the results of a text search stand against noise, each item against its own similarity to nonsense queries: weaker matches are left out unless weaker=true */
    readonly Relevance: {
      /** @description The count stopped at the best 400 by meaning: there are at least that many */
      readonly atLeast: boolean;
      /** @description Results closer to the query than to nonsense queries (by more than 0.005), or matched by keyword */
      readonly matches: number;
      /** @description Weaker results (no closer to the query than to nonsense) within the count */
      readonly weaker: number;
      /** @description Whether the weaker ones are in the results (weaker=true) */
      readonly weakerShown: boolean;
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
      /** @description Where the next page starts (offset=…); null: this was the last. Not always offset + results: a RAW+JPEG pair shows once */
      readonly nextOffset: number | null;
      readonly query?: string;
      readonly relevance?: components['schemas']['Relevance'] | null;
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
export interface operations {
  readonly docs: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description A page with no scripts, loading nothing from elsewhere */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'text/html': string;
        };
      };
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
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
  readonly listFolders: {
    readonly parameters: {
      readonly query?: {
        readonly hidden?: 'true' | 'false';
        /** @description An absolute folder; the home folder when left out */
        readonly path?: string;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The folders in it, by name, and its parent */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Folders'];
        };
      };
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description path is not absolute, or is a file */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The client is not on this computer (or a foreign Host or Origin) */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description There is no such folder */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The folder cannot be read (permissions) */
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
  readonly health: {
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
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
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
  readonly getIndex: {
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
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
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
  readonly deleteIndex: {
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
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS, or it carries the Origin of another site (or "null"): changes are accepted without an Origin (curl) or from Glimpse’s own page */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The vector store does not answer */
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
  readonly listFailedFiles: {
    readonly parameters: {
      readonly query?: {
        /** @description How many files at most */
        readonly limit?: number;
        /** @description How many to skip (the next page) */
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
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description limit or offset is not a whole number in its range (e.g. limit=0) */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
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
  readonly pruneIndex: {
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
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS, or it carries the Origin of another site (or "null"): changes are accepted without an Origin (curl) or from Glimpse’s own page */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The vector store does not answer */
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
  readonly verifyIndex: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** @description Optional: an empty body only checks */
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
      /** @description The body is not valid JSON, repair is not true or false, or it did not arrive complete */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS, or it carries the Origin of another site (or "null"): changes are accepted without an Origin (curl) or from Glimpse’s own page */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The request did not arrive complete within 60 s; answered by Node before Glimpse sees it, with no body, and the connection is closed */
      readonly 408: {
        headers: {
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The body is larger than 64 KB */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The body is not JSON: a Content-Type other than application/json (or none), e.g. a form */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The vector store does not answer */
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
  readonly browseLibrary: {
    readonly parameters: {
      readonly query?: {
        /** @description Only items taken before this: 2024-08-01 starts at the end of July 2024 */
        readonly before?: string;
        readonly kind?: 'image' | 'video';
        readonly limit?: number;
        readonly offset?: number;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description A page, newest first */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['LibraryPage'];
        };
      };
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description before is not a date, kind is not image or video, or limit or offset is out of range */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The model is still loading (or downloading, on a first run) or could not be loaded, or the vector store does not answer */
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
  readonly libraryMonths: {
    readonly parameters: {
      readonly query?: {
        readonly kind?: 'image' | 'video';
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The months (UTC) with their counts; the undated last */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['LibraryMonths'];
        };
      };
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description kind is not image or video */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The model is still loading (or downloading, on a first run) or could not be loaded, or the vector store does not answer */
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
  readonly getMedia: {
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
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The id is not a media id (letters, digits, - and _, at most 64) */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No indexed file has this id */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
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
  readonly getMediaFile: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description An ETag: the Range applies only if the file is still that version, else the whole file */
        readonly 'If-Range'?: string;
        /** @description One byte range: bytes=a-b, bytes=a- or bytes=-n; several ranges, another unit or a malformed value get the whole file */
        readonly Range?: string;
      };
      readonly path: {
        /** @description A media id */
        readonly id: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The whole file, with its own type (image/jpeg, video/mp4, ...) */
      readonly 200: {
        headers: {
          /** @description bytes */
          readonly 'Accept-Ranges'?: string;
          /** @description inline, with the file’s name */
          readonly 'Content-Disposition'?: string;
          /** @description The file’s size and modification time */
          readonly ETag?: string;
          readonly [name: string]: unknown;
        };
        content: {
          readonly '*/*': string;
        };
      };
      /** @description The requested byte range */
      readonly 206: {
        headers: {
          /** @description bytes a-b/size */
          readonly 'Content-Range'?: string;
          readonly [name: string]: unknown;
        };
        content: {
          readonly '*/*': string;
        };
      };
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The id is not a media id (letters, digits, - and _, at most 64) */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No indexed file has this id, or the file could not be indexed as a picture or video (it is never served); or the file is no longer on disk (moved, deleted, its disk not mounted) */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The range starts past the end of the file (or is bytes=-0) */
      readonly 416: {
        headers: {
          /** @description bytes *\/size */
          readonly 'Content-Range'?: string;
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The file is there but cannot be read (permissions, too many open files) */
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
  readonly getFrame: {
    readonly parameters: {
      readonly query: {
        /** @description At most this many pixels on the longer side (never enlarged) */
        readonly size?: 160 | 320 | 640;
        /** @description Seconds from the start, with at most 3 decimals: from 0 to the video’s length (durationSec); frames are taken at a tenth of a second */
        readonly t: number;
      };
      readonly header?: {
        /** @description The ETag of a preview already held: 304 when it is still this one */
        readonly 'If-None-Match'?: string;
      };
      readonly path: {
        /** @description A media id */
        readonly id: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The frame */
      readonly 200: {
        headers: {
          /** @description Kept for good when the URL carries the content version (v), else revalidated */
          readonly 'Cache-Control'?: string;
          /** @description Names the content and the variant: send it back as If-None-Match */
          readonly ETag?: string;
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'image/jpeg': string;
        };
      };
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not modified: If-None-Match named the ETag of this preview; no body */
      readonly 304: {
        headers: {
          /** @description Names the content and the variant: send it back as If-None-Match */
          readonly ETag?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description t is missing or not a number of seconds, t is past the end of the video (the message says its length), size is not one of 160, 320 and 640, the file is a picture, or the id is not a media id (letters, digits, - and _, at most 64) */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No indexed file has this id, or the file could not be indexed as a picture or video (it is never served) */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The file has no video stream */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No frame could be read from the video (damaged, or changed since it was indexed) */
      readonly 422: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Video frames need ffmpeg, which was not found, or could not be started (e.g. too many open files) */
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
  readonly similarMedia: {
    readonly parameters: {
      readonly query?: {
        /** @description Only items whose camera's make or model contains this (case and accents ignored), e.g. iphone */
        readonly camera?: string;
        /** @description Only items inside this absolute folder */
        readonly folder?: string;
        /** @description Taken on or after */
        readonly from?: string;
        /** @description Only pictures, or only videos */
        readonly kind?: 'image' | 'video';
        /** @description Only items whose lens contains this */
        readonly lens?: string;
        /** @description How many results at most */
        readonly limit?: number;
        /** @description How many of the best results to skip (the next page) */
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
      /** @description Best first, without the item itself */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['SearchResults'];
        };
      };
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A search parameter is not valid (a limit out of range, a kind that is neither image nor video, a date that is not one, a camera, lens or place over 100 characters), or more than the filter can hold match a camera, lens or place */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No indexed file has this id */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The file could not be read, or is not indexed yet (try again when the scan has finished) */
      readonly 409: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The model is still loading (or downloading, on a first run) or could not be loaded, or the vector store does not answer */
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
  readonly getThumbnail: {
    readonly parameters: {
      readonly query?: {
        /** @description At most this many pixels on the longer side (never enlarged) */
        readonly size?: 160 | 320 | 640;
        /** @description Content version from search results */
        readonly v?: string;
      };
      readonly header?: {
        /** @description The ETag of a preview already held: 304 when it is still this one */
        readonly 'If-None-Match'?: string;
      };
      readonly path: {
        /** @description A media id */
        readonly id: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The thumbnail */
      readonly 200: {
        headers: {
          /** @description Kept for good when the URL carries the content version (v), else revalidated */
          readonly 'Cache-Control'?: string;
          /** @description Names the content and the variant: send it back as If-None-Match */
          readonly ETag?: string;
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'image/jpeg': string;
        };
      };
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not modified: If-None-Match named the ETag of this preview; no body */
      readonly 304: {
        headers: {
          /** @description Names the content and the variant: send it back as If-None-Match */
          readonly ETag?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description size is not one of 160, 320 and 640 (e.g. size=100), or the id is not a media id (letters, digits, - and _, at most 64) */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No indexed file has this id, or the file could not be indexed as a picture or video (it is never served) */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The file is not (or no longer) in a format Glimpse can read */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No thumbnail or frame could be made of the file (damaged, or changed since it was indexed) */
      readonly 422: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description A video’s frame needs ffmpeg, which was not found, or could not be started (e.g. too many open files) */
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
  readonly metrics: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The Prometheus text format */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'text/plain': string;
        };
      };
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
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
  readonly listModels: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The model in use (and its state), the model folder and what it holds */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Models'];
        };
      };
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The client is not on this computer (or a foreign Host or Origin) */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
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
  readonly openApi: {
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
        content: {
          readonly 'application/json': Record<string, never>;
        };
      };
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
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
  readonly ready: {
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
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not ready; checks say which part (and download, while the model downloads) */
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
  readonly listScans: {
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
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
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
  readonly startScan: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** @description Optional: an empty body is {"mode": "incremental"} */
    readonly requestBody?: {
      readonly content: {
        readonly 'application/json': {
          /**
           * @default incremental
           * @enum {string}
           */
          readonly mode?: 'incremental' | 'reindex';
        };
      };
    };
    readonly responses: {
      /** @description A scan is already queued or running: that one (created: false) */
      readonly 200: {
        headers: {
          /** @description The scan’s URL */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['ScanStarted'];
        };
      };
      /** @description Started (created: true) */
      readonly 202: {
        headers: {
          /** @description The scan’s URL */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['ScanStarted'];
        };
      };
      /** @description The body is not valid JSON, not an object, has a field other than mode, mode is neither incremental nor reindex, or it did not arrive complete */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS, or it carries the Origin of another site (or "null"): changes are accepted without an Origin (curl) or from Glimpse’s own page */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The request did not arrive complete within 60 s; answered by Node before Glimpse sees it, with no body, and the connection is closed */
      readonly 408: {
        headers: {
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description There are no folders to index yet: set them with PUT /api/v1/scope first */
      readonly 409: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The body is larger than 64 KB */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The body is not JSON: a Content-Type other than application/json (or none), e.g. a form */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The server is shutting down: no new scans are started */
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
  readonly getScan: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        /** @description A scan id */
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
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description There is no scan with this id */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
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
  readonly cancelScan: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        /** @description A scan id */
        readonly id: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The scan, as it is now */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['ScanJob'];
        };
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS, or it carries the Origin of another site (or "null"): changes are accepted without an Origin (curl) or from Glimpse’s own page */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description There is no scan with this id */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
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
  readonly scanEvents: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        /** @description A scan id */
        readonly id: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description An event stream: progress (at most every 250 ms), status (queued, running, ...) and a last done, then it ends; a scan already finished gets its status and done at once */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'text/event-stream': string;
        };
      };
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description There is no scan with this id */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
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
  readonly getScope: {
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
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
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
  readonly changeScope: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** @description The fields to change */
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
      /** @description Not valid (not an object, an unknown field, a field of the wrong type, a folder that is not absolute, not valid JSON, or cut short), or a new folder does not exist, is not a folder or cannot be read: nothing is saved */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS, or it carries the Origin of another site (or "null"): changes are accepted without an Origin (curl) or from Glimpse’s own page */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The request did not arrive complete within 60 s; answered by Node before Glimpse sees it, with no body, and the connection is closed */
      readonly 408: {
        headers: {
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The body is larger than 64 KB */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The body is not JSON: a Content-Type other than application/json (or none), e.g. a form */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The server is shutting down: no new scans are started */
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
  readonly searchText: {
    readonly parameters: {
      readonly query: {
        /** @description Only items whose camera's make or model contains this (case and accents ignored), e.g. iphone */
        readonly camera?: string;
        /** @description Only items inside this absolute folder */
        readonly folder?: string;
        /** @description Taken on or after */
        readonly from?: string;
        /** @description Only pictures, or only videos */
        readonly kind?: 'image' | 'video';
        /** @description Only items whose lens contains this */
        readonly lens?: string;
        /** @description How many results at most */
        readonly limit?: number;
        /** @description How many of the best results to skip (the next page) */
        readonly offset?: number;
        /** @description Only items taken in a town, region or country containing this, or with this country code: Lisbon, PT */
        readonly place?: string;
        /** @description What to look for, in words: "dog on a beach", "videos of Lisbon in July 2023" */
        readonly q: string;
        /** @description fused: by meaning and by keyword (names, folders, cameras, places) together */
        readonly ranking?: 'fused' | 'meaning' | 'keywords';
        /** @description Parts not to read as filters: date, kind, place (comma-separated), or all */
        readonly skip?: string;
        /** @description date: newest taken first, among the matches (within the best 400 by meaning) */
        readonly sort?: 'relevance' | 'date';
        /** @description Taken on or before */
        readonly to?: string;
        /** @description true: the weaker matches too (see relevance), after the others */
        readonly weaker?: 'true' | 'false';
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
      /** @description The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it */
      readonly 302: {
        headers: {
          /** @description The same path and query, without key */
          readonly Location?: string;
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description q is missing, empty or over 1000 characters; skip names something other than date, kind, place or all; sort or weaker has another value; or a search parameter is not valid (a limit out of range, a kind that is neither image nor video, a date that is not one, a camera, lens or place over 100 characters), or more than the filter can hold match a camera, lens or place */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The model is still loading (or downloading, on a first run) or could not be loaded, or the vector store does not answer */
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
  readonly searchByImage: {
    readonly parameters: {
      readonly query?: {
        /** @description Only items whose camera's make or model contains this (case and accents ignored), e.g. iphone */
        readonly camera?: string;
        /** @description Only items inside this absolute folder */
        readonly folder?: string;
        /** @description Taken on or after */
        readonly from?: string;
        /** @description Only pictures, or only videos */
        readonly kind?: 'image' | 'video';
        /** @description Only items whose lens contains this */
        readonly lens?: string;
        /** @description How many results at most */
        readonly limit?: number;
        /** @description How many of the best results to skip (the next page) */
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
    /** @description One picture: a multipart form with one file (field image), or the bare bytes */
    readonly requestBody: {
      readonly content: {
        readonly 'application/octet-stream': string;
        readonly 'image/*': string;
        readonly 'multipart/form-data': {
          /**
           * Format: binary
           * @description The picture
           */
          readonly image: string;
        };
      };
    };
    readonly responses: {
      /** @description Best first (only results: nothing is read as a filter) */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['SearchResults'];
        };
      };
      /** @description The upload is empty, the form has no file or cannot be read, the body did not arrive complete, the picture has more pixels than allowed, or a search parameter is not valid (a limit out of range, a kind that is neither image nor video, a date that is not one, a camera, lens or place over 100 characters), or more than the filter can hold match a camera, lens or place */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS, or it carries the Origin of another site (or "null"): changes are accepted without an Origin (curl) or from Glimpse’s own page */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The request did not arrive complete within 60 s; answered by Node before Glimpse sees it, with no body, and the connection is closed */
      readonly 408: {
        headers: {
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The picture is larger than the upload limit (GLIMPSE_MAX_UPLOAD_MB) */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not sent as multipart/form-data, image/* or application/octet-stream; or not a picture Glimpse can read (JPEG, PNG, WebP, GIF, AVIF, HEIF, TIFF, BMP) */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The picture’s header reads, but its pixels cannot be decoded (a damaged or cut-short file) */
      readonly 422: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Something failed inside Glimpse unexpectedly (a bug); the server log has the details */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description The model is still loading (or downloading, on a first run) or could not be loaded, or the vector store does not answer */
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
}
