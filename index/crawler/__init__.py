"""The crawler: `finsok crawl` and `finsok update` bring a förbund's protocols from its website
into a local archive folder, which the indexer then reads like any other folder.

    archive page ─▶ links ─▶ fetch (netguard, robots) ─▶ archive folder + sidecar ─▶ ingest

- `crawl`: the run of one source: the sources file, the archive's pagination, the limits per
  source and run, and storing each download.
- `links`: reading an archive page: which links are documents and which lead to more pages;
  URLs as a browser sends them and shows them.
- `fetch`: polite HTTP: robots.txt, a pause per host, conditional requests, retries, and
  redirects followed hop by hop.
- `netguard`: which addresses may be connected to: the public internet and the hosts the
  operator named.
- `robots`: robots.txt rules as RFC 9309 defines them (and its `Sitemap:` lines).
- `sitemaps`: a site's sitemaps, and which of their URLs are within a source's scope.

The archive folder and its sidecar (`.finsok-fetch.json`: each file's URL, fetch time and
validators) are `index.archive`, outside this package: they are the contract with the indexer
(`index.ingest`, and `search.engine` for source links), which never imports this package.
"""
