// Types for scripts/build/sdkAllowList.mjs (imported by the TypeScript benchmark).
export declare const KEPT: { ids: string[]; why: string }[];
export declare function isKept(id: string): boolean;
export declare function sdkModuleId(path: string): string | null;
