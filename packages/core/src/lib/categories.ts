/**
 * Usage categories: optout's own vocabulary. Every signal's labels are mapped
 * onto these, and the original label is kept on the statement.
 */
export const CATEGORIES = [
  'crawl',
  'tdm',
  'train-ai',
  'train-genai',
  'ai-input',
  'ai-index',
  'search',
] as const;

/** One usage category. */
export type Category = (typeof CATEGORIES)[number];

/** Categories a caller can declare as its purpose (every category). */
export const PURPOSES: readonly Category[] = CATEGORIES;

// A disallow on the parent covers the child (DESIGN.md "The model"). This is
// optout's conservative policy, not a rule of any one signal: aipref -07 has no
// nesting at all. Decisions say when a result came from it.
const PARENT: Partial<Record<Category, Category>> = {
  'train-ai': 'tdm',
  'train-genai': 'train-ai',
  'ai-input': 'tdm',
  'ai-index': 'tdm',
};

/** Is `value` one of the usage categories? */
export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/**
 * The category followed by every broader category whose statements cover it,
 * narrowest first: `train-genai` gives `['train-genai', 'train-ai', 'tdm']`.
 */
export function lineage(category: Category): Category[] {
  const chain: Category[] = [category];
  for (let parent = PARENT[category]; parent; parent = PARENT[parent]) chain.push(parent);
  return chain;
}
