/** `template` with each `{name}` replaced by `values[name]`: the placeholders of the in-call strings. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}
