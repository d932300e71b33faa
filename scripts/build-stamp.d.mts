/** Where the record of the last build lives, inside what it describes. */
export declare const STAMP_FILE: string;
/** What the build reads: the sources (tests aside) and every file that configures the tools or the dependencies. */
export declare const BUILD_INPUTS: readonly string[];
/** What `serve` needs from the build: the CLI bundle, the compiled modules and the web app. */
export declare const BUILD_OUTPUTS: readonly string[];
/** The hash of every build input's path and content, in a stable order. */
export declare function sourceStamp(root: string): string;
/** Whether `npm start` has to build first, and why, in words for the terminal. */
export declare function buildDecision(root: string): { build: boolean; reason: string };
/** Records that the build in dist/ was made from the sources as they are now. */
export declare function writeStamp(root: string): void;
