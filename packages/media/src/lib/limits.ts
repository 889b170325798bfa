/**
 * Hard caps that keep a hostile file from costing unbounded time or memory.
 * Every length read from a file is checked against its enclosing box and
 * against these.
 */
export interface MediaLimits {
  /** Largest manifest store assembled from a container (bytes). */
  maxManifestBytes: number;
  /** Largest XMP packet read (bytes). */
  maxXmpBytes: number;
  /** Most boxes, segments, chunks or frames walked per container or store. */
  maxBoxes: number;
  /** Deepest JUMBF superbox nesting followed. */
  maxDepth: number;
  /** Bytes searched by text scans (SVG, PDF, the XMP fallback). */
  maxScanBytes: number;
  /** Most diagnostics kept; the rest are counted in one final diagnostic. */
  maxDiagnostics: number;
}

/** The default limits. */
export const DEFAULT_LIMITS: Readonly<MediaLimits> = Object.freeze({
  maxManifestBytes: 32 * 1024 * 1024,
  maxXmpBytes: 4 * 1024 * 1024,
  maxBoxes: 10_000,
  maxDepth: 12,
  maxScanBytes: 16 * 1024 * 1024,
  maxDiagnostics: 50,
});
