/**
 * What the page's bundle gives for `node:buffer` (scripts/build-page.ts maps
 * the import here): the fast path's scanner takes only `isUtf8` from it.
 */
export { isUtf8 } from './utf8.js';
