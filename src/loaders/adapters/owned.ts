/**
 * Names an adapter makes up for what cxlint cannot evaluate (an SFMC decision split's filter, a tdx segment test):
 * `sfmc:…` and `tdx:…` events. Each branch option on one is a path of its own on the timeline, so dead-end, loop,
 * reachability and reply checks still follow every way out; the model knows them without a lifecycle entry.
 */
const OWNED = /^(?:sfmc|tdx):\S/;

export const isAdapterOwned = (name: string): boolean => OWNED.test(name);
