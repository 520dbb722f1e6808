/**
 * How large property runs are: TREKANT_PROPERTY_RUNS scales them (a multiplier, default 1), and
 * TREKANT_PROPERTY_SEED replays a run (the seed is printed with each run).
 */
export const SCALE = Number(process.env.TREKANT_PROPERTY_RUNS ?? '1') || 1;
export const SEED = process.env.TREKANT_PROPERTY_SEED ? Number(process.env.TREKANT_PROPERTY_SEED) : Date.now() % 2 ** 31;
