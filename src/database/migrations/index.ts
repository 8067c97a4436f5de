import { InitialSchema1763700000000 } from "./1763700000000-InitialSchema";

/** Every migration, in order. New ones are appended here. */
export const MIGRATIONS = [InitialSchema1763700000000];
