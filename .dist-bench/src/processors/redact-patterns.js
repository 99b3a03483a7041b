/**
 * Ready-made redaction patterns. Each is a global regex plus, where the
 * shape alone gives too many false positives, a checksum test on the match.
 * Every pattern starts with a boundary or a look-behind so the engine only
 * tries a match at the start of a run of candidate characters (no quadratic
 * rescans of long lines).
 */
/** Luhn checksum of the digits in s (separators ignored); 13-19 digits. */
export function luhnValid(s) {
    let sum = 0;
    let n = 0;
    for (let i = s.length - 1; i >= 0; i--) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9)
            continue;
        sum += n % 2 === 1 ? (c * 2 > 9 ? c * 2 - 9 : c * 2) : c;
        n++;
    }
    return n >= 13 && n <= 19 && sum % 10 === 0;
}
/** ISO 13616 check: country, check digits, mod-97 of the rearranged number equals 1. */
export function ibanValid(s) {
    const compact = s.replace(/ /g, '');
    if (compact.length < 15 || compact.length > 34)
        return false;
    const rearranged = compact.slice(4) + compact.slice(0, 4);
    let rem = 0;
    for (let i = 0; i < rearranged.length; i++) {
        const c = rearranged.charCodeAt(i);
        if (c >= 48 && c <= 57)
            rem = (rem * 10 + (c - 48)) % 97;
        else if (c >= 65 && c <= 90)
            rem = (rem * 100 + (c - 55)) % 97;
        else
            return false;
    }
    return rem === 1;
}
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
export const NAMED_PATTERNS = {
    credit_card: () => ({ label: 'credit_card', re: /\b(?:\d[ -]?){12,18}\d\b/g, accept: luhnValid }),
    email: () => ({ label: 'email', requires: '@', re: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b/g }),
    bearer_token: () => ({ label: 'bearer_token', requires: 'earer', re: /\b([Bb]earer[ \t]+)[A-Za-z0-9\-._~+/]{8,}=*/g, keepGroup1: true }),
    ipv4: () => ({ label: 'ipv4', requires: '.', re: new RegExp(`(?<![\\d.])${OCTET}(?:\\.${OCTET}){3}(?![\\d.]*\\d)`, 'g') }),
    us_ssn: () => ({ label: 'us_ssn', requires: '-', re: /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g }),
    iban: () => ({ label: 'iban', re: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g, accept: ibanValid }),
};
//# sourceMappingURL=redact-patterns.js.map