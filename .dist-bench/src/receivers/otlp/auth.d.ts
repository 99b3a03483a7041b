export declare class BearerAuth {
    #private;
    constructor(token: string);
    /** True when `header` is `Bearer <token>` (scheme case-insensitive) with the configured token. */
    check(header: string | undefined): boolean;
}
/** The credentials part of a `Bearer` authorization value, or undefined for any other scheme. */
export declare function bearerCredentials(header: string): string | undefined;
