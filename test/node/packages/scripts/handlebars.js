const Handlebars = require("handlebars");
Handlebars.registerHelper("upper", (s) => s.toUpperCase());
const t = Handlebars.compile("{{#each people}}{{@index}}:{{upper name}}{{#if admin}} (admin){{/if}}\n{{/each}}{{> footer}}");
Handlebars.registerPartial("footer", "-- {{people.length}} people, {{&raw}} {{raw}}");
console.log(t({ people: [{ name: "ann", admin: true }, { name: "bob" }], raw: "<i>" }));
console.log(Handlebars.precompile("{{a}}").length > 100);
