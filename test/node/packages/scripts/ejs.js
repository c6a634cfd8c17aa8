const ejs = require("ejs");
console.log(ejs.render("<ul><% items.forEach(function(i){ %><li><%= i %></li><% }) %></ul> <%- raw %>", { items: ["a", "<b>"], raw: "<hr>" }));
const fs = require("fs");
fs.writeFileSync("partial.ejs", "inc:<%= x %>");
console.log(ejs.render("<%- include('partial', { x: 5 }) %>!", {}, { filename: __dirname + "/main.ejs" }));
ejs.renderFile(__dirname + "/partial.ejs", { x: 7 }, (err, s) => { console.log(err, s); fs.unlinkSync("partial.ejs"); });
