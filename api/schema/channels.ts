/**
 * How a collaboration is organised (call-format.md, `asks.channels`; annex 8 of the
 * report): formal channels first, then informal ones. Free of zod, so that browser
 * pages can import the list without bundling the validator.
 */
export const FORMAL_CHANNELS = ["steering-group", "learning-network"] as const;
export const INFORMAL_CHANNELS = ["email", "phone", "chance-meeting"] as const;
export const CHANNELS = [...FORMAL_CHANNELS, ...INFORMAL_CHANNELS] as const;
export type Channel = (typeof CHANNELS)[number];

const formal: ReadonlySet<string> = new Set(FORMAL_CHANNELS);
export const isFormalChannel = (c: Channel): boolean => formal.has(c);
