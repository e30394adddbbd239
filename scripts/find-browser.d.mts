// Types of find-browser.mjs, for the TypeScript tests that launch Chromium.
export declare const HOW_TO_GET_ONE: string;
export declare function findBrowser(): Promise<string | undefined>;
export declare const CALL_FLAGS: string[];
