export declare const V2_NOW_NS: bigint;
export interface ExpectedFinding {
    kind: string;
    severity: 'violation' | 'warning' | 'note';
    seq?: number;
    seqEnd?: number;
}
export interface V2Case {
    name: string;
    description: string;
    /** Input files, each a list of lines; a checker must give the same findings for every order in `file_orders`. */
    files: string[][];
    file_orders?: number[][];
    trust: {
        anchors: string[];
        keyring?: 'host' | 'host-late';
        bindings?: Array<{
            pattern: string;
            anchor: string;
        }>;
    };
    options?: {
        strict?: boolean;
    };
    /** Per stream: the anchor it verified under (key id, absent if none). */
    anchor?: string;
    expect: ExpectedFinding[];
}
export declare function generateVectorsV2(): Record<string, unknown>;
