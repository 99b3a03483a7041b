export type IdResult = {
    ok: true;
    type: string;
    name: string;
} | {
    ok: false;
    message: string;
    hint?: string;
};
export declare function parseComponentId(id: string, kind: string, types: readonly string[]): IdResult;
