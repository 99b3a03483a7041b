/** 'warn' -> 13, 'error3' -> 19, 'INFO4' -> 12; undefined for anything else. */
export declare function shortNameToNumber(name: string): number | undefined;
export declare class SeverityMapper {
    #private;
    /** `mapping`: severity short name -> source values, added on top of (and winning over) the defaults. */
    constructor(mapping?: Record<string, string[]>);
    /** The SeverityNumber for a source level text, or 0 (unspecified) when unknown. */
    map(text: string): number;
}
