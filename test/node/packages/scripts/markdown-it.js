const MarkdownIt = require("markdown-it");
const md = new MarkdownIt({ linkify: true, typographer: true });
console.log(md.render("# Hi\n\n> quote -- \"here\"\n\nvisit https://example.com (c)\n\n1. one\n2. two"));
console.log(md.parse("*a*", {}).map((t) => t.type).join(","));
