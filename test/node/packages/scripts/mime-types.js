const mime = require("mime-types");
console.log(mime.lookup("json"), mime.lookup("file.html"), mime.contentType("markdown"), mime.extension("application/octet-stream"), mime.charset("text/plain"));
