/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of the API when the web app is deployed apart from it; empty means same origin. */
  readonly VITE_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
