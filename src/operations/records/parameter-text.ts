/**
 * Meta's rule for a template's text parameter (error 132018): no line breaks, tabs or other
 * control characters, and at most four spaces in a row. As a pattern, for the JSON Schema of
 * each placeholder field (discover's template objects) and the check of every text parameter.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the rule refuses
export const PARAMETER_TEXT_PATTERN = /^(?!.* {5})[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;

export const PARAMETER_TEXT_RULE =
  "must hold no line breaks, tabs or other control characters and at most four spaces in a row (Meta refuses such a template parameter with error 132018)";
