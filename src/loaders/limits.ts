/** Larger YAML takes seconds to parse and is no hand-written plan. Both limits are checked before a file is read. */
export const MAX_YAML_BYTES = 10 * 1024 * 1024;
export const MAX_CSV_BYTES = 256 * 1024 * 1024;
