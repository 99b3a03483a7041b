interface Marker {
    chain: string;
    started: string;
}
export declare function readStreamMarker(keyFile: string, stream: string): Marker | undefined;
export declare function writeStreamMarker(keyFile: string, stream: string, chain: string): void;
export {};
