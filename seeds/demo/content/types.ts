export type Priority = 'haute' | 'moyenne' | 'basse';

/**
 * A facet of a need, as an ambassador consolidated it: the title of the consolidated contribution,
 * then the words of the people behind it. Generated raw contributions are variations of these voices,
 * so that several people say the same thing differently (the consolidation screen groups them).
 * A voice starting with "§IBS " or "§E2C " is a partner's own contribution, used once, word for word.
 */
export type Angle = readonly [title: string, ...voices: string[]];

export interface NeedSeed {
  title: string;
  description: string;
  proposals: ReadonlyArray<readonly [title: string, priority: Priority, description: string]>;
  angles: readonly Angle[];
}

export interface ThemeSeed {
  code: string;
  /** Three letters used in the codes of consolidated contributions (CC-USA-001). */
  prefix: string;
  title: string;
  description: string;
  /** Context sentences that staff add after a remark on this theme. */
  details: readonly string[];
  needs: readonly NeedSeed[];
}
