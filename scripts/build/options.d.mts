// Types for scripts/build/options.mjs (imported by the TypeScript benchmark).
import type { BuildOptions } from "esbuild";
export declare function pluginBuildOptions(opts: { prod: boolean; outfile?: string; minify?: boolean }): BuildOptions & { metafile: true };
