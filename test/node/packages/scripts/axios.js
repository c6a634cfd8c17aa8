const axios = require("axios");
console.log(typeof axios.get, axios.getUri({ url: "/x", baseURL: "https://example.com/api", params: { a: 1 } }));
