/**
 * Evidence bundles (a zip from `sealog search --bundle`) on the page: the
 * worker hands a bundle's bytes to the reader set here and treats each
 * member it returns like a dropped file (told apart by content: keys, OTLP
 * JSON lines, anything else listed as not used). The zip reader lives with
 * the bundle format (src/verify/bundle/); the page's entry point registers
 * it with setBundleReader(). Without one, a bundle is listed as not read.
 */

export interface BundleMember {
  /** Its path inside the bundle. */
  name: string;
  blob: Blob;
}

/** Reads a bundle's members (checking the bundle's own integrity, e.g. its manifest); throws on a bad bundle. */
export type BundleReader = (zip: Uint8Array, name: string) => Promise<BundleMember[]>;

let reader: BundleReader | undefined;

export function setBundleReader(r: BundleReader): void {
  reader = r;
}

/** A bundle's members, or why they cannot be read. */
export async function openBundle(file: Blob, name: string): Promise<{ members: BundleMember[] } | { problem: string }> {
  if (!reader) return { problem: 'an evidence bundle (zip): this build of the page has no bundle reader, so it was not read' };
  try {
    return { members: await reader(new Uint8Array(await file.arrayBuffer()), name) };
  } catch (err) {
    return { problem: `an evidence bundle (zip) that cannot be read: ${err instanceof Error ? err.message : String(err)}` };
  }
}
