import { describe, expect, it } from "vitest";
import { invitationCsv } from "../../viz/admin/invitation-csv.ts";

describe("the invitation CSV for a mail merge", () => {
  it("has a header, one line per link, and marks itself as UTF-8", () => {
    const csv = invitationCsv([
      { organisation: "Horeca Vlaanderen", lot: "Perceel 5 · Overige", email: "an@horeca.example", link: "https://x.example/c/abc" },
      { organisation: "Vivo", lot: "Perceel 4", email: "", link: "https://x.example/c/def" },
    ]);
    expect(csv).toBe(
      '\uFEFF"organisation","lot","email","link"\r\n' +
        '"Horeca Vlaanderen","Perceel 5 · Overige","an@horeca.example","https://x.example/c/abc"\r\n' +
        '"Vivo","Perceel 4","","https://x.example/c/def"\r\n',
    );
  });

  it("quotes commas, quotes and line breaks, and defuses cells a spreadsheet would run as formulas", () => {
    const csv = invitationCsv([{ organisation: '=HYPERLINK("http://evil")', lot: "Bouw, Hout", email: "a\nb", link: "@SUM(1)" }]);
    expect(csv.split("\r\n")[1]).toBe(`"'=HYPERLINK(""http://evil"")","Bouw, Hout","a\nb","'@SUM(1)"`);
  });

  it("defuses a formula after any separator a spreadsheet might split on", () => {
    const csv = invitationCsv([{ organisation: "Org10;=1+1;x", lot: "a,+b", email: "c\t-d", link: "e\n@f" }]);
    expect(csv.split("\r\n")[1]).toBe(`"Org10;'=1+1;x","a,'+b","c\t'-d","e\n'@f"`);
  });
});
