// An RSL 1.0 licence document for the gate's tests: /articles/* may be
// indexed for search but not used to train AI; /free/* allows everything.

/** The licence document. */
export const LICENSE = `<?xml version="1.0" encoding="UTF-8"?>
<rsl xmlns="https://rslstandard.org/rsl">
  <content url="/articles/*">
    <license>
      <permits type="usage">search</permits>
      <prohibits type="usage">ai-train</prohibits>
    </license>
  </content>
  <content url="/free/*">
    <license>
      <permits type="usage">all</permits>
    </license>
  </content>
</rsl>
`;

/** Its media type, as a response header. */
export const RSL_TYPE = { 'content-type': 'application/rsl+xml' };
