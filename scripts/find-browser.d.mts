// Types of find-browser.mjs, for the TypeScript tests that launch Chromium or Firefox.
export declare const HOW_TO_GET_ONE: string;
export declare function findBrowser(): Promise<string | undefined>;
export declare const CALL_FLAGS: string[];
export declare const HOW_TO_GET_FIREFOX: string;
export declare function findFirefox(): string | undefined;
export declare const FIREFOX_CALL_PREFS: Record<string, boolean | number | string>;
export declare const FIREFOX_PROMPT_PREFS: Record<string, boolean | number | string>;
