/// <reference types="vite/client" />

/** hyphen (https://github.com/ytiurin/hyphen) ships no types; the part the app uses. */
declare module 'hyphen/da/index.js' {
  const da: { hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string };
  export default da;
}
