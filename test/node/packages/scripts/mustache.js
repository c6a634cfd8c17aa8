const Mustache = require("mustache");
console.log(Mustache.render("Hello {{name}}! {{#items}}<{{.}}>{{/items}}{{^none}} none{{/none}} {{{html}}} {{html}}", { name: "World", items: [1, 2], html: "<b>" }));
console.log(Mustache.render("{{> part}}", { x: 1 }, { part: "partial {{x}}" }));
