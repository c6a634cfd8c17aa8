const express = require("express");
const app = express();
app.get("/", (req, res) => res.send("hi"));
console.log(typeof app.listen);
