/** Types of table-owners.js, which the ESLint config loads as plain JavaScript. */
export declare const TABLE_OWNERS: Readonly<Record<string, string>>;
