// Types for scripts/build/sdkAllowList.mjs (imported by the TypeScript benchmark).
export declare const KEPT: { ids: string[]; why: string }[];
export declare const PARTIAL: { id: string; keep: string[]; why: string }[];
export declare const REPLACED: { id: string; file: string; pins: string[]; why: string }[];
export declare function isKept(id: string): boolean;
export declare function sdkStatus(id: string): "kept" | "partial" | "replaced" | "stubbed";
export declare function sdkModuleId(path: string): string | null;
