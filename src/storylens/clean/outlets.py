"""Readable names of well-known outlets and news agencies, bundled (no lookup at run time).

A report that says "nytimes.com" makes the reader translate; "The New York Times" does not.
The table holds only names that are certain for their host: a host outside it keeps its
registered domain, never a guessed name. Keys are hosts without ``www.``; a longer host
(``abcnews.go.com``) is looked up before its registered domain (``go.com``), so a portal's
sub-sites keep their own names.
"""

from __future__ import annotations

OUTLETS: dict[str, str] = {
    "nytimes.com": "The New York Times", "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal", "usatoday.com": "USA Today",
    "latimes.com": "Los Angeles Times", "chicagotribune.com": "Chicago Tribune",
    "nypost.com": "New York Post", "nydailynews.com": "New York Daily News",
    "bostonglobe.com": "The Boston Globe", "sfgate.com": "SFGATE",
    "sfchronicle.com": "San Francisco Chronicle", "seattletimes.com": "The Seattle Times",
    "miamiherald.com": "Miami Herald", "dallasnews.com": "The Dallas Morning News",
    "houstonchronicle.com": "Houston Chronicle", "startribune.com": "Star Tribune",
    "cnn.com": "CNN", "edition.cnn.com": "CNN", "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News", "cbsnews.com": "CBS News", "abcnews.go.com": "ABC News",
    "abcnews.com": "ABC News", "msnbc.com": "MSNBC", "cnbc.com": "CNBC", "npr.org": "NPR",
    "pbs.org": "PBS", "foxbusiness.com": "Fox Business",
    "reuters.com": "Reuters", "apnews.com": "AP News", "ap.org": "The Associated Press",
    "afp.com": "AFP", "upi.com": "UPI", "bloomberg.com": "Bloomberg",
    "politico.com": "Politico", "politico.eu": "Politico Europe", "thehill.com": "The Hill",
    "axios.com": "Axios", "vox.com": "Vox", "theatlantic.com": "The Atlantic",
    "newyorker.com": "The New Yorker", "time.com": "Time", "newsweek.com": "Newsweek",
    "huffpost.com": "HuffPost", "huffingtonpost.com": "HuffPost",
    "huffingtonpost.co.uk": "HuffPost UK", "breitbart.com": "Breitbart",
    "westernjournal.com": "The Western Journal", "dailycaller.com": "The Daily Caller",
    "thedailybeast.com": "The Daily Beast", "slate.com": "Slate", "salon.com": "Salon",
    "motherjones.com": "Mother Jones", "nationalreview.com": "National Review",
    "washingtonexaminer.com": "Washington Examiner", "washingtontimes.com": "The Washington Times",
    "businessinsider.com": "Business Insider", "insider.com": "Insider", "forbes.com": "Forbes",
    "fortune.com": "Fortune", "marketwatch.com": "MarketWatch", "usnews.com": "U.S. News",
    "theverge.com": "The Verge", "techcrunch.com": "TechCrunch", "wired.com": "Wired",
    "arstechnica.com": "Ars Technica", "engadget.com": "Engadget", "cnet.com": "CNET",
    "buzzfeednews.com": "BuzzFeed News", "buzzfeed.com": "BuzzFeed", "vice.com": "Vice",
    "people.com": "People", "eonline.com": "E! News", "tmz.com": "TMZ",
    "variety.com": "Variety", "hollywoodreporter.com": "The Hollywood Reporter",
    "rollingstone.com": "Rolling Stone", "espn.com": "ESPN", "si.com": "Sports Illustrated",
    "news.yahoo.com": "Yahoo News", "msn.com": "MSN", "voanews.com": "Voice of America",
    "rferl.org": "Radio Free Europe/Radio Liberty",
    "bbc.co.uk": "BBC", "bbc.com": "BBC", "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian", "independent.co.uk": "The Independent",
    "telegraph.co.uk": "The Telegraph", "dailymail.co.uk": "Daily Mail",
    "thetimes.co.uk": "The Times", "ft.com": "Financial Times", "economist.com": "The Economist",
    "mirror.co.uk": "Daily Mirror", "express.co.uk": "Daily Express", "thesun.co.uk": "The Sun",
    "metro.co.uk": "Metro", "standard.co.uk": "Evening Standard", "news.sky.com": "Sky News",
    "sky.com": "Sky News", "itv.com": "ITV News", "channel4.com": "Channel 4 News",
    "inews.co.uk": "i", "irishtimes.com": "The Irish Times", "rte.ie": "RTÉ",
    "independent.ie": "Irish Independent", "scotsman.com": "The Scotsman",
    "cbc.ca": "CBC News", "theglobeandmail.com": "The Globe and Mail",
    "thestar.com": "Toronto Star", "nationalpost.com": "National Post",
    "ctvnews.ca": "CTV News", "globalnews.ca": "Global News",
    "abc.net.au": "ABC News (Australia)", "smh.com.au": "The Sydney Morning Herald",
    "theage.com.au": "The Age", "news.com.au": "news.com.au",
    "theaustralian.com.au": "The Australian", "nzherald.co.nz": "The New Zealand Herald",
    "stuff.co.nz": "Stuff", "aljazeera.com": "Al Jazeera", "france24.com": "France 24",
    "dw.com": "DW", "euronews.com": "Euronews", "rt.com": "RT", "tass.com": "TASS",
    "themoscowtimes.com": "The Moscow Times", "kyivindependent.com": "The Kyiv Independent",
    "kyivpost.com": "Kyiv Post", "ukrinform.net": "Ukrinform", "haaretz.com": "Haaretz",
    "timesofisrael.com": "The Times of Israel", "jpost.com": "The Jerusalem Post",
    "aa.com.tr": "Anadolu Agency", "dailysabah.com": "Daily Sabah",
    "arabnews.com": "Arab News", "thenationalnews.com": "The National",
    "scmp.com": "South China Morning Post", "globaltimes.cn": "Global Times",
    "xinhuanet.com": "Xinhua", "chinadaily.com.cn": "China Daily",
    "japantimes.co.jp": "The Japan Times", "straitstimes.com": "The Straits Times",
    "channelnewsasia.com": "CNA", "koreaherald.com": "The Korea Herald",
    "koreatimes.co.kr": "The Korea Times", "yna.co.kr": "Yonhap",
    "timesofindia.indiatimes.com": "The Times of India",
    "economictimes.indiatimes.com": "The Economic Times", "hindustantimes.com": "Hindustan Times",
    "ndtv.com": "NDTV", "thehindu.com": "The Hindu", "indianexpress.com": "The Indian Express",
    "indiatoday.in": "India Today", "news18.com": "News18", "firstpost.com": "Firstpost",
    "livemint.com": "Mint", "theprint.in": "ThePrint", "scroll.in": "Scroll",
    "dawn.com": "Dawn", "spiegel.de": "Der Spiegel", "zeit.de": "Die Zeit",
    "faz.net": "Frankfurter Allgemeine Zeitung", "sueddeutsche.de": "Süddeutsche Zeitung",
    "welt.de": "Die Welt", "tagesschau.de": "tagesschau", "lemonde.fr": "Le Monde",
    "lefigaro.fr": "Le Figaro", "liberation.fr": "Libération", "elpais.com": "El País",
    "elmundo.es": "El Mundo", "corriere.it": "Corriere della Sera",
    "repubblica.it": "la Repubblica", "nos.nl": "NOS",
}  # fmt: skip

# News agencies as their copy credits them: canonical short name -> the names that credit it.
AGENCIES: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters", "Thomson Reuters"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "UPI": ("UPI", "United Press International"),
    "DPA": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "ANI": ("ANI", "Asian News International"),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS", "Indo-Asian News Service"),
    "Xinhua": ("Xinhua",),
    "TASS": ("TASS",),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap",),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "PA": ("PA", "Press Association", "PA Media"),
    "AAP": ("AAP", "Australian Associated Press"),
    "CP": ("The Canadian Press",),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "Anadolu": ("Anadolu", "Anadolu Agency"),
}


def outlet_for_host(host: str | None) -> str | None:
    """The bundled readable name of ``host`` or of a parent domain of it, else None."""
    if not host:
        return None
    parts = host.casefold().rstrip(".").removeprefix("www.").split(".")
    for i in range(len(parts) - 1):
        name = OUTLETS.get(".".join(parts[i:]))
        if name is not None:
            return name
    return None
