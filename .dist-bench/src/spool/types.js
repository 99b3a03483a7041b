export const FRAME_FLAG_CONTROL = 1;
//# sourceMappingURL=types.js.map