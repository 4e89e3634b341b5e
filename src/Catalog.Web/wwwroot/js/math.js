// Typesets the math of a topic page once KaTeX has loaded (this file is loaded only on pages that have math).
// Markdig wrote the intro's math as \( \) and \[ \]; quotes keep the $ $ and $$ $$ of the seed as plain text.
// Without JavaScript the TeX source stays readable as it is.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof renderMathInElement !== "function") {
    return;
  }
  const options = {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "\\[", right: "\\]", display: true },
      { left: "\\(", right: "\\)", display: false },
      { left: "$", right: "$", display: false },
    ],
    throwOnError: false,
  };
  for (const element of document.querySelectorAll(".has-math")) {
    renderMathInElement(element, options);
  }
});
