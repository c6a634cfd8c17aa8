import markdownit from "markdown-it";
console.log(markdownit().renderInline("__strong__ ~~s~~"));
