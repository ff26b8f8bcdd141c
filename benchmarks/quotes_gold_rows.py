"""Hand-written quotation rows for ``build_quotes_gold.py`` (see its docstring for the format).

Keys are unique prefixes of the Zyte article ids; rows are in reading order. Every direct
quotation of each listed article is here; what is left out on purpose (titles, names, mentions
of words, nested quotes) is explained in ``benchmarks/data/QUOTES-GUIDE.md``.
"""

from __future__ import annotations

from typing import Any

ANNOTATIONS: dict[str, list[tuple[Any, ...]]] = {}

# LA Times: Gannett-GateHouse merger (Hiltzik column)
ANNOTATIONS["8634d121"] = [
    ("stronger", "p", "Michael Reed", "Michael Reed"),
    ("more viable", "p", "Michael Reed", "Michael Reed"),
    ("with deep local roots and national scale.", "p", "Michael Reed", "Michael Reed"),
    ("new Gannett,", "p", "Michael Reed", "Reed"),
    ("Since 2008, there hasn’t~~as a whole,", "f", "Ken Doctor", "Ken Doctor"),
    (
        "continuous cost-cutting for more than a decade in local news.",
        "p",
        "Ken Doctor",
        "<Ken Doctor",
    ),
    ("synergies", "p", "Michael Reed", "Reed"),
    ("immaterial", "p", "GateHouse Media", "the company"),
    (
        "consolidate copy editing and page design",
        "p",
        "Penelope Muse Abernathy",
        "Penelope Muse Abernathy",
    ),
    ("GateHouse-owned newsrooms~~matter of months,", "f", "Penelope Muse Abernathy", "Abernathy"),
    ("to return capital~~drive revenues.", "p", "Michael Reed", "Reed"),
    ("investing for growth.", "p", "Michael Reed", "<Reed"),
    ("morally wrong.", "p", "Leon Cooperman", "Leon Cooperman"),
    ("I know we’re happy to get rid of Fortress,", "f", "Leon Cooperman", "Cooperman"),
    ("They brought this public~~they’ve done here.", "f", "Leon Cooperman", "Cooperman", True),
    ("Financial players~~on the way down,", "f", "Ken Doctor", "Doctor"),
    ("They see the way down as close to inevitable.", "f", "Ken Doctor", "<Doctor", True),
    ("After two more years of this,", "f", "Ken Doctor", "Doctor"),
    ("what kind of products~~after all the cost-cutting?", "f", "Ken Doctor", "<Doctor", True),
]

# Fox News: James Van Der Beek eliminated from DWTS
ANNOTATIONS["7dfc3e35"] = [
    ("hardest judge’s verdict so far this season.", "p", "Tom Bergeron", "Tom Bergeron"),
    ("worst nightmare.", "p", "James Van Der Beek", "<Van Der Beek"),
    ("My wife Kimberly~~We lost the baby,", "f", "James Van Der Beek", "Van Der Beek"),
    ("The little soul~~whatever lies beyond.", "f", "James Van Der Beek", "<Van Der Beek", True),
    ("You never know why~~deepens your appreciation,", "f", "James Van Der Beek", "the actor"),
    ("It makes you more human.", "f", "James Van Der Beek", "<the actor", True),
    ("Hearing the heartbeat~~for granted,", "f", "James Van Der Beek", 'the "Pose" actor'),
    ("zero shame", "p", "James Van Der Beek", "<Van Der Beek"),
    ("@Vanderkimberly and I~~go through in secret.", "f", "James Van Der Beek", "<Van Der Beek"),
    (
        "But there needs to be zero shame~~when they need it most.",
        "f",
        "James Van Der Beek",
        "<Van Der Beek",
        True,
    ),
    ("This is not easy.~~expected to see here,", "f", "Carrie Ann Inaba", "judge Inaba"),
    ("Can I give it to James?", "f", "Ally Brooke", "Brooke"),
    ("a lovely gesture.", "p", "Tom Bergeron", "Bergeron"),
]

# Spokesman-Review: "Meth. We're on it." campaign
ANNOTATIONS["c13b9c0e"] = [
    ("I guess my first reaction~~helpful attention,’", "f", "Michelle Hege", "Hege"),
    ("At the end of the day~~looking to drive.", "f", "Michelle Hege", "<Hege", True),
    ("It’s difficult to change~~that’s out there,", "f", "Michelle Hege", "Hege"),
    ("This is our favorite~~positive impact in the world.", "f", "Michelle Hege", "<Hege", True),
    ("When a group is trying~~intended to see it,", "f", "Julie Graham", "Graham"),
    ("You might need to have~~little edgier message,", "f", "Julie Graham", "Graham"),
    (
        "If somebody from the general public~~specific population.",
        "f",
        "Julie Graham",
        "<Graham",
        True,
    ),
    ("We were trying to reach young males~~spending more time,", "f", "Julie Graham", "Graham"),
    ("It can seem like~~very audience-centric.", "f", "Julie Graham", "<Graham", True),
    ("OK, great, let’s be provocative~~talking about it, right?", "f", "Jeff Sanborn", "Sanborn"),
    ("What’s America talking about?~~South Dakota brand.", "f", "Jeff Sanborn", "<Sanborn", True),
    ("we want to try to help,", "p", "Jeff Sanborn", ">Sanborn"),
    ("The problem is, we tell clients~~third paragraph,", "f", "Jeff Sanborn", "Sanborn"),
    ("If that’s the core~~everybody in America reads.", "f", "Jeff Sanborn", "<Sanborn", True),
]

# Wired: Instagram business accounts
ANNOTATIONS["d48aeb9c"] = [
    ("a space that feels much less pressurized.", "p", "Adam Mosseri", "Mosseri"),
    ("We use a machine learning model~~tools like analytics,", "f", "Kym Lino", "they"),
    ("I was stunned just to see~~for several months,", "f", "Joseph Minga", "Joseph Minga"),
    (
        "It really made me take a step back~~could I have a cyberstalker?",
        "f",
        "Joseph Minga",
        "<He",
    ),
    (
        "I was on vacation with my parents~~five swiped away,",
        "f",
        "Will Tjernlund",
        "Will Tjernlund",
    ),
    (
        "It’s like wholesome content~~not for me dog.",
        "f",
        "Will Tjernlund",
        "<Will Tjernlund",
        True,
    ),
    ("Since I have seen some of the extra data~~as often anymore,", "f", "Joseph Minga", "Minga"),
    (
        "I think I have some sort of social media~~made me feel insecure.",
        "f",
        "Joseph Minga",
        "<Minga",
        True,
    ),
    ("I am so ahead of every other parent~~comes to technology,", "f", None, "she"),
    ("I am literally facepalming~~phone number on it.", "f", None, "<she", True),
    ("Businesses and creators are clearly~~will be displayed,", "f", "Kym Lino", "Lino"),
    ("This thing is broken~~entity you are,", "f", "David Stier", ">he"),
]

# CRN: Tim Cook at Dreamforce
ANNOTATIONS["291a8bf3"] = [
    ("pulled into the enterprise,", "p", "Tim Cook", "Tim Cook"),
    ("began to say we want you to do this and that,", "p", "Tim Cook", "Cook"),
    ("best mobile operating system for enterprise.", "p", "Tim Cook", "<Cook"),
    ("We really took that challenge to heart,", "f", "Tim Cook", "he"),
    ("we love you for that,", "p", "Tim Cook", "Cook"),
    (
        "someone who has redefined what it means to be a chief executive officer",
        "p",
        "Marc Benioff",
        "Benioff",
    ),
    ("is our dream,", "p", "Marc Benioff", "Benioff"),
    ("I run my business on my phone.~~I don’t need one,", "f", "Marc Benioff", "he"),
    ("You guys have done such a good job.", "f", "Marc Benioff", "<he", True),
    ("I love the way you're constantly~~or handoffs,", "f", "Tim Cook", "he"),
    ("going way off script~~along the way.", "p", "Tim Cook", "Cook"),
    ("I can feel him and his presence when I come here,", "f", "Tim Cook", "Cook"),
    ("We all miss Steve so much,", "f", "Marc Benioff", "Benioff"),
    (
        "since he passed, you've been so true to him and his values.",
        "f",
        "Marc Benioff",
        "<Benioff",
        True,
    ),
    ("a fundamental human right", "p", "Tim Cook", ">Cook"),
    ("first hand their love of their country and commitment to it.", "p", "Tim Cook", "Cook"),
    ("bolt-on things,", "p", "Tim Cook", "Cook"),
    ("embedded in who we are.", "p", "Tim Cook", "<Cook"),
]

# New York Times: Trump's trade-war theatrics
ANNOTATIONS["702d1da6"] = [
    ("My people had $20 billion done,", "f", "Donald Trump", "Mr. Trump"),
    ("And I said, ‘I want more.’~~It’s very simple.’", "f", "Donald Trump", "<Mr. Trump", True),
    ("historic", "p", "Donald Trump", "Mr. Trump"),
    (
        "We’re taking in billions of dollars in tariff money from China,",
        "f",
        "Donald Trump",
        "Mr. Trump",
    ),
    (
        "I like our situation very much.~~we could have a deal.",
        "f",
        "Donald Trump",
        "<Mr. Trump",
        True,
    ),
    (
        "It’s striking that in almost every corner~~brakes on growth,",
        "f",
        "John Williams",
        "John Williams",
    ),
    (
        "The uncertainty created by current events~~experiencing today.",
        "f",
        "John Williams",
        "<John Williams",
        True,
    ),
    (
        "mercurial temperament and predilection to undercutting his own negotiating team",
        "p",
        "Eswar Prasad",
        "Eswar Prasad",
    ),
    ("By hyping up expectations~~uncertain and volatile,", "f", "Eswar Prasad", "he"),
    ("farm country,", "p", "Donald Trump", "Mr. Trump"),
    ("It makes for better theater to hold this to the last minute,", "f", "Phil Levy", "Phil Levy"),
    ("It really doesn’t fit well~~difficulty with that.", "f", "Phil Levy", "<Phil Levy", True),
    ("near-unprecedented economic uncertainty and hardship", "p", "Zippy Duvall", "Zippy Duvall"),
    ("time is running out for many in agriculture.", "f", "Zippy Duvall", "<He"),
    ("than any time in our history, by far", "p", "Donald Trump", "Mr. Trump"),
    (
        "Without rolling back some of the tariffs~~on the Chinese part?",
        "f",
        "He Jianxiong",
        "He Jianxiong",
    ),
]

# AP (Berkshire Eagle): Sondland faces questions
ANNOTATIONS["82b6d780"] = [
    ("I now do recall,", "f", "Gordon Sondland", "he"),
    ("vividly.", "p", "David Holmes", "David Holmes"),
    ("I then heard President Trump ask~~do the investigation?’", "f", "David Holmes", "Holmes"),
    ("Ambassador Sondland replied~~you ask him to.’", "f", "David Holmes", "<Holmes", True),
    # third person ("he was"): Hill's rendering, so Hill is the speaker of these words
    ("he was in charge of Ukraine", "p", "Fiona Hill", ">Fiona Hill"),
    ("And I asked, well, on whose authority?", "f", "Fiona Hill", ">Hill"),
    ("And he said, the President.", "f", "Fiona Hill", "<Hill", True),
    ("improper.", "p", "Alexander Vindman", "a career Army officer"),
    ("duty", "p", "Alexander Vindman", "Lt. Col. Alexander Vindman"),
    ("deliver", "p", "Gordon Sondland", "<Sondland"),
    ("Ambassador Sondland referred to~~in 2016,", "f", "Alexander Vindman", "Vindman"),
    ("disgrace.", "p", "Donald Trump", "<Trump"),
    ("Never Trumpers", "p", "Donald Trump", "<Trump"),
    ("I think all of us thought~~the meeting concluded,", "f", "Kurt Volker", "Volker"),
    ("raised, and I rejected,~~money paid to his son.", "p", "Kurt Volker", "<Volker"),
]

# Al Bawaba (AFP): reactions to the US settlements decision
ANNOTATIONS["833caf3b"] = [
    ("historic", "p", "Benjamin Netanyahu", "the Jewish state's premier"),
    ("very moved", "p", "Benjamin Netanyahu", "<he"),
    ("not, per se, inconsistent with international law", "p", "Mike Pompeo", "<Pompeo"),
    (
        "not modify existing international law~~UN Security Council",
        "p",
        "United Nations High Commissioner for Human Rights",
        "The United Nations High Commissioner for Human Rights",
    ),
    ("Here we are on a historic day~~State of Israel,", "f", "Benjamin Netanyahu", "he"),
    (
        "corrected an historic injustice and lined up with truth and justice",
        "p",
        "Benjamin Netanyahu",
        ">Netanyahu",
    ),
    ("extremely adverse development", "p", "Arab League", "The Arab League"),
    ("dangerous consequences", "p", "Ayman Safadi", "Ayman Safadi"),
    (
        "We are going to the (UN) General Assembly~~judicial investigation,",
        "f",
        "Saeb Erekat",
        ">he",
    ),
    (
        "another measure contradicting",
        "p",
        "Russia's foreign ministry",
        "Russia's foreign ministry",
    ),
    (
        "regrets any decision likely to encourage... settlement building",
        "p",
        "French foreign ministry",
        "The French foreign ministry",
    ),
    (
        "are illegal under international law~~two-state solution",
        "p",
        "British Foreign Office",
        "A spokesperson",
    ),
    ("The illegality of settlements~~consensus is important,", "f", "Avi Bell", "Avi Bell"),
    ("They wanted us on our knees~~we will stand tall.", "f", "Saeb Erekat", "<Erekat"),
]

# National Review (opinion, Victor Davis Hanson): Schiff against the clock
ANNOTATIONS["f5c90a6d"] = [
    ("We have not spoken directly with the whistleblower", "f", "Adam Schiff", "<he"),
    ("Ukrainian collusion.", "p", None, None),
    ("wise man", "p", None, None),
    ("space", "p", None, None),
    ("whistleblower’s", "p", None, None),
    ("Enough already, just vote.", "f", None, "<the people"),
    ("Make Trump just go away.", "f", None, "<the collective public"),
    ("Mercy!", "f", None, "<the anti-Scottish crowd"),
    ("whistleblower,", "p", None, None),
    ("hearsay can be much better evidence than direct", "p", None, "<Democratic inquisitors"),
]

# Billboard: Doobie Brothers reunion tour (song titles excluded)
ANNOTATIONS["9cb8224b"] = [
    (
        "that’s really good, maybe we should go on the road.",
        "f",
        "Pat Simmons",
        "the singer and guitarist",
    ),
    ("We're truly excited about our 50th Anniversary Tour,", "f", "Tom Johnston", "Johnston"),
    ("as it's a celebration~~as well as new music.", "f", "Tom Johnston", "<Johnston", True),
]

# SpaceNews: NASA adds five companies to CLPS
ANNOTATIONS["d1c57d78"] = [
    ("We were actually looking to do this~~accelerate that,", "f", "Steve Clarke", "Steve Clarke"),
    (
        "We do think this is a really neat program.~~the COTS program,",
        "f",
        "Gwynne Shotwell",
        "Shotwell",
    ),
    ("nice stepping stone", "p", "Gwynne Shotwell", "<she"),
    ("a lot", "p", "Gwynne Shotwell", "<She"),
    (
        "It has a lot of payload capacity~~open payload deck,",
        "f",
        "Brent Sherwood",
        "Brent Sherwood",
    ),
    ("Our company is in a great position~~satellite systems,", "f", "John Roth", "John Roth"),
    ("Space exploration and, especially~~ecosystem of companies,", "f", "Michael Sims", ">he"),
    ("Small player being an agility~~adds to the mix.", "f", "Michael Sims", "<he", True),
    ("We’re going to start with something smaller,", "f", "Marco Villa", ">he"),
    ("Our flexibility and ability~~in the near future.", "f", "Marco Villa", "<he", True),
    ("sometime soon", "p", "Steve Clarke", "<Clarke"),
]

# LA Times: Disney+ launch problems (Kevin Mayer)
ANNOTATIONS["098bb3e9"] = [
    ("We had some issues~~make me feel good,", "f", "Kevin Mayer", "Mayer"),
    ("patched", "p", "Kevin Mayer", "<Mayer"),
    (
        "We’ve never had demand that we saw that day, and continue to see",
        "f",
        "Kevin Mayer",
        "Mayer",
    ),
    ("We will see the industry shake out a bit,", "f", "Kevin Mayer", "Mayer"),
    ("Not everyone will succeed.", "f", "Kevin Mayer", "<Mayer", True),
    (
        "There will be a time ... when the pay-TV numbers are low enough,",
        "f",
        "Kevin Mayer",
        "Mayer",
    ),
    (
        "We want to serve consumers the way they wish to be served.",
        "f",
        "Kevin Mayer",
        "<Mayer",
        True,
    ),
    ("Operating is a lot different than a strategy role,", "f", "Kevin Mayer", "Mayer"),
    ("I love what I’m doing.", "f", "Kevin Mayer", "<Mayer", True),
]

# Live Science: feather-duvet lung (disease names in quotes are terms, excluded)
ANNOTATIONS["bd673bd7"] = [
    ("Going upstairs to bed~~sit and rest,", "f", None, "the patient"),
    ("I was signed off work and spent most of the time asleep.", "f", None, "<the patient", True),
    ("I'm sure it happens much more than we realize,", "f", "Owen Dempsey", "Dempsey"),
    ("You name it, it probably has been described.", "f", "Owen Dempsey", "<he"),
    ("It doesn't affect me at all~~as it was before,", "f", None, "the patient"),
    ("take really detailed histories", "p", "Owen Dempsey", "Dempsey"),
    ("That way they may uncover~~trigger lung disease.", "f", "Owen Dempsey", "<Dempsey"),
    ("unexplained,", "p", "Owen Dempsey", "he"),
    ("people with pillows and duvets~~throw them out,", "f", "Owen Dempsey", "he"),
]

# Deccan Herald (PTI): White House calls impeachment a sham
ANNOTATIONS["c90731f0"] = [
    ("A great day for Republicans~~certain destruction,", "f", "Donald Trump", "Trump"),
    (
        "Today's second hearing is over~~completely debunked,",
        "f",
        "Stephanie Grisham",
        "Stephanie Grisham",
    ),
    ("Specifically, Ambassador Volker~~no linkage like that,", "f", "Stephanie Grisham", "she"),
    ("With the Democrats’ poll-tested~~for one more second,", "f", "Stephanie Grisham", "Grisham"),
    ("We have learned nothing new~~or any other crime,", "f", "Stephanie Grisham", "she"),
    (
        "Today's hearing only further exposes~~free and fair election,",
        "f",
        "Stephanie Grisham",
        "Grisham",
    ),
    ("Frankly I couldn't believe~~US national security,", "f", "Alexander Vindman", "Vindman"),
    ("I believe what I found unusual~~I had listened to,", "f", "Jennifer Williams", "she"),
    (
        "I thought that the references~~opponent of the president,",
        "f",
        "Jennifer Williams",
        "Williams",
    ),
    ("I can't speak to what~~sounded political to me,", "f", "Jennifer Williams", "she"),
    (
        "We should be supporting Ukraine's democracy~~serves a national interest,",
        "f",
        "Kurt Volker",
        "Volker",
    ),
]

# PolitiFact: guide to tariffs ("intermediate goods" is a term, excluded)
ANNOTATIONS["b6906ca0"] = [
    ("We talk about it all the time~~the great betrayal is over,", "f", "Donald Trump", "Trump"),
    ("America is no longer for sale.~~10 cents, China.", "f", "Donald Trump", "<Trump", True),
    ("As a general matter, import tariffs are a tax,", "f", "Lawrence White", "Lawrence White"),
    ("Tariffs, like any tax~~not richer.", "f", "Lawrence White", "<Lawrence White", True),
    ("If the U.S. imposes a tariff~~say, Costco,", "f", "Howard Gleckman", "Howard Gleckman"),
    ("The Chinese government pays nothing.", "f", "Howard Gleckman", "<Howard Gleckman", True),
    (
        "the full incidence of the tariff~~by the end of 2018.",
        "p",
        "Centre for Economic Policy Research",
        "Centre for Economic Policy Research",
    ),
    (
        "The overall impact is now over $4 billion~~range of goods,",
        "f",
        "Daniel Anthony",
        "Daniel Anthony",
    ),
    ("About 36% of imports from China~~electronic devices,", "f", "Mary E. Lovely", "she"),
    ("When the price of these inputs go up~~in the U.S. market,", "f", "Mary E. Lovely", "Lovely"),
]

# CNN (analysis): Trump's unscheduled Walter Reed visit ("VIP" is a label, excluded)
ANNOTATIONS["ef4e67b6"] = [
    ("quick exam and labs", "p", "White House", "<the White House"),
    (
        "The President received a diet~~followed it religiously,",
        "f",
        "Hogan Gidley",
        "Hogan Gidley",
    ),
    ("His physical strength and stamina are extraordinary,", "f", "Harold Bornstein", "Bornstein"),
    (
        "If elected, Mr. Trump~~elected to the presidency.",
        "f",
        "Harold Bornstein",
        "<Bornstein",
        True,
    ),
    ("dictated that whole letter.~~as I went along.", "p", "Harold Bornstein", "<Bornstein"),
    ("record", "p", None, None),
    ("We're not going to get into security~~annual physical,", "f", "Stephanie Grisham", "Grisham"),
    (
        "I've given plenty of on-the-record~~really needs to stop.",
        "f",
        "Stephanie Grisham",
        "<Grisham",
        True,
    ),
    (
        "plenty of on-the-record statements that were truthful and accurate.",
        "p",
        "Stephanie Grisham",
        "<Grisham",
    ),
]

# New York Times (opinion, Jamelle Bouie): off-year elections and impeachment
ANNOTATIONS["04a6711c"] = [
    ("Governor @MattBevin has done~~people of Kentucky!", "f", "Donald Trump", "Trump"),
    (
        "Matt has my Complete and Total Endorsement~~GREAT Governor, @MattBevin!",
        "f",
        "Donald Trump",
        "<Trump",
        True,
    ),
    (
        "Virginia, with all of the massive amount~~vote Republican today,",
        "f",
        "Donald Trump",
        ">he",
    ),
    ("The people of this country aren’t buying", "p", "Donald Trump", ">Trump"),
    ("You see it because we’re going up and they’re going down.", "f", "Donald Trump", "<Trump"),
    ("You gotta give me a big win please,", "f", "Donald Trump", "he"),
    ("Please.", "f", "Donald Trump", "<he", True),
    # wording of poll items: the pollster is the source of the words
    (
        "President Trump’s actions were wrong~~by the Senate.",
        "p",
        "ABC News",
        "<A new ABC News poll",
    ),
    (
        "committed impeachable offenses~~president of Ukraine.",
        "p",
        "Reuters",
        "<A similarly fresh Reuters poll",
    ),
]

# Washington Examiner (opinion): Prince Andrew's Epstein interview
ANNOTATIONS["87bf6057"] = [
    ("Going to Pizza Express in Woking~~thing for me to do,", "f", "Prince Andrew", "he"),
    ("I remember it weirdly, distinctly.", "f", "Prince Andrew", "<he", True),
    ("Oh, actually? Yes,", "f", "Prince Andrew", "he"),
    ("I didn’t sweat at the time.", "f", "Prince Andrew", "<he", True),
    ("There was no indication, absolutely no indication,", "f", "Prince Andrew", "Andrew"),
    (
        "And if there was, you have to remember~~I never saw them.",
        "f",
        "Prince Andrew",
        "<Andrew",
        True,
    ),
    ("the opportunities I was given to learn", "p", "Prince Andrew", "<Andrew"),
    ("He knows exactly what he's done,", "f", "Virginia Giuffre", "Giuffre"),
    ("And I hope he comes clean about it.", "f", "Virginia Giuffre", "<Giuffre", True),
]

# Smithsonian: plague cases in China
ANNOTATIONS["ea25dd7e"] = [
    ("relevant sites", "p", "Sui-Lee Wee", ">Wee"),
    ("extremely low.", "p", "Chinese Center for Disease Control and Prevention", "<The CDC"),
    ("transmitted casually.", "p", "Li Jifeng", "<Li"),
    ("block and control", "p", None, "<censors"),
    ("Don't hide things like this,", "f", None, "one Weibo commenter"),
    ("Let’s face whatever it is together.", "f", None, "<one Weibo commenter", True),
    (
        "vastly improved its detection and management of infectious diseases,",
        "p",
        "Associated Press",
        "the Associated Press",
    ),
    ("no need", "p", "Chinese Center for Disease Control and Prevention", "the Chinese CDC"),
]

# Al Jazeera: NASA's commercial moon shot
ANNOTATIONS["42aad16b"] = [
    (
        "We have a need and saw a need~~enhanced lander capabilities,",
        "f",
        "Steve Clarke",
        "Steve Clarke",
    ),
    ("This is based on our objectives~~human exploration standpoint,", "f", "Steve Clarke", "he"),
    (
        "technical challenges, cost increases and schedule delays",
        "p",
        "NASA Office of the Inspector General",
        "<Office of the Inspector General",
    ),
    (
        "We’re honoured to join this community~~And we are going,",
        "f",
        "Brent Sherwood",
        "Brent Sherwood",
    ),
    (
        "It’s very exciting times.~~which is [a] big one.",
        "f",
        "Brent Sherwood",
        "<Brent Sherwood",
        True,
    ),
    (
        "Space exploration, and especially humans~~has to be done,",
        "f",
        "Michael Sims",
        "Michael Sims",
    ),
    (
        "There are the big established players~~adds to the mix.",
        "f",
        "Michael Sims",
        "<Michael Sims",
    ),
]

# Barron's: Home Depot earnings
ANNOTATIONS["f8ff621a"] = [
    (
        "Our third-quarter results reflected~~strategic investments,",
        "f",
        "Craig Menear",
        "Craig Menear",
    ),
    (
        "We are largely on track~~than our initial assumptions.",
        "f",
        "Craig Menear",
        "<Craig Menear",
        True,
    ),
    ("seamless, interconnected shopping experience", "p", None, None),
    (
        "Comp sales were light~~in-line with expectations,",
        "f",
        "Jonathan Matuszewski",
        "Matuszewski",
    ),
    (
        "We interpret lighter~~softer macro picture.",
        "f",
        "Jonathan Matuszewski",
        "<Matuszewski",
        True,
    ),
    ("While certainly a disappointing result~~a net headwind,", "f", "Zachary Fadem", "Fadem"),
    ("Excluding these items~~closer to 5%.", "f", "Zachary Fadem", "<Fadem", True),
]

# CT Post (AP): Deval Patrick in South Carolina
ANNOTATIONS["a6968f42"] = [
    ("Don’t mind me!", "f", "Deval Patrick", "he"),
    ("I’m running for president because~~frayed in the country,", "f", "Deval Patrick", "Patrick"),
    ("I come in humbly. ... I want to be a listener.", "f", "Deval Patrick", "<Patrick", True),
    ("He has me thinking now,", "f", "Eyamba Sowers", "Sowers"),
    ("It sounded like strong black women raised him,", "f", "Beth Ruffin", "Ruffin"),
    ("I want to see how he translates that into policy.", "f", "Beth Ruffin", "<Ruffin", True),
]

# Live Science: TNG50 universe simulation
ANNOTATIONS["3c5bf8db"] = [
    (
        "These simulations are huge datasets~~evolution of galaxies within them,",
        "f",
        "Paul Torrey",
        "Paul Torrey",
    ),
    (
        "What's fundamentally new about TNG50~~as they form and evolve.",
        "f",
        "Paul Torrey",
        "<Paul Torrey",
        True,
    ),
    ("Numerical experiments of this kind~~than you put in,", "f", "Dylan Nelson", "Dylan Nelson"),
    (
        "In our simulation, we see phenomena~~our model universe.",
        "f",
        "Dylan Nelson",
        "<Dylan Nelson",
        True,
    ),
    ("There's a huge road ahead of us~~simulations completed,", "f", "Paul Torrey", "Torrey"),
    ("A whole team of researchers~~show up in that data.", "f", "Paul Torrey", "<Torrey", True),
]

# CNBC: Coty and Kylie Jenner (show title "Trading Nation" excluded)
ANNOTATIONS["ffc109d4"] = [
    (
        "This is a stock that until this year had been getting clobbered,",
        "f",
        "Matt Maley",
        "Maley",
    ),
    (
        "It was down for four straight years~~broken to the upside.",
        "f",
        "Matt Maley",
        "<Maley",
        True,
    ),
    ("A little bit more risk but more reward~~more upside potential,", "f", "Matt Maley", "Maley"),
    (
        "Here's a company that's willing to pay~~basically become infinite,",
        "f",
        "John Petrides",
        "Petrides",
    ),
    ("I would expect more acquisitions~~with key influencers,", "f", "John Petrides", "Petrides"),
]

# New York Post: Taliban prisoner swap (Pompeo's quote opens mid-sentence and spans two paragraphs)
ANNOTATIONS["a1fca19b"] = [
    ("give[s] us hope~~stands ready to support.", "p", "Mike Pompeo", "Mike Pompeo"),
    (
        "We see these developments as hopeful signs~~through a political settlement.",
        "f",
        "Mike Pompeo",
        "<Mike Pompeo",
        True,
    ),
    ("We pray for the full recovery of both men,", "f", "Stephanie Grisham", "Stephanie Grisham"),
    (
        "We thank the Afghan government~~freeing of the hostages.",
        "f",
        "Stephanie Grisham",
        "<Stephanie Grisham",
        True,
    ),
    ("pave the way", "p", "Ashraf Ghani", "<He"),
    ("We are profoundly pleased and relieved", "f", "Scott Morrison", "Scott Morrison"),
]

# BBC: Sweden drops Assange investigation (Persson's quote spans two paragraphs)
ANNOTATIONS["c7e39ac4"] = [
    (
        "discontinue the investigation regarding Julian Assange",
        "p",
        "Swedish Prosecution Authority",
        "the Swedish Prosecution Authority",
    ),
    (
        "The reason for this decision~~events in question,",
        "f",
        "Swedish Prosecution Authority",
        ">it",
    ),
    ("I would like to emphasise~~version of events.", "f", "Eva-Marie Persson", "Ms Persson"),
    (
        "Her statements have been coherent~~continue the investigation.",
        "f",
        "Eva-Marie Persson",
        "<Ms Persson",
        True,
    ),
    (
        "Let us now focus on the threat~~the First Amendment.",
        "f",
        "Kristinn Hrafnsson",
        "Kristinn Hrafnsson",
    ),
    ("history of absconding", "p", None, "<a judge"),
]

# wday.ru (Russian): Paulina Porizkova interview. Guillemets; Russian dash convention, where the
# attribution sits inside the marks between dashes ("«..., – пожаловалась Поризкова. — ...»"):
# the two parts are one utterance, each part bounded by a guillemet on one side and the dash on
# the other. The film title «Аризонской мечте» and the word «Правда» are excluded.
ANNOTATIONS["c82b3d1d"] = [
    ("Когда вся ваша жизнь~~Это не для слабонервных,", "f", "Полина Поризкова", "Поризкова"),
    ("Я постоянно борюсь с собой~~можно сделать!", "f", "Полина Поризкова", "<Поризкова", True),
    ("Я лично ненавижу~~Сразу понятно, что они врут", "f", "Полина Поризкова", "<Она"),
    (
        "Я думаю, что кто-то сейчас скажет~~отвратительную старуху",
        "f",
        "Полина Поризкова",
        "<Бывшая супермодель",
    ),
]

# The Real Deal: WeWork layoffs
ANNOTATIONS["bc13ff87"] = [
    ("In the areas of the business~~necessary job eliminations,", "f", "Marcelo Claure", "Claure"),
    ("We are going to eliminate~~also accountability.", "f", "Marcelo Claure", "<Claure", True),
    (
        "don’t want to be defined by~~company’s leadership.",
        "p",
        "WeWorkers Coalition",
        "WeWorkers Coalition",
    ),
    ("is not following through~~restructuring process.", "p", "WeWorkers Coalition", "<the group"),
]

# Express: plague in Inner Mongolia (the unclosed "‘black death" is a name, excluded)
ANNOTATIONS["ba4dfe2d"] = [
    ("isolated and unrelated", "p", "Fan Mengguang", "Fan Mengguang"),
    ("I just want to know how these two~~drive themselves?", "f", None, "one user on Weibo"),
    ("Bird flu in the year of the rooster~~the plague is coming.", "f", None, "<Another"),
]

# News Nation (India): Delhi oxygen bar fact check; single quotes as outer marks
# (names 'oxygen bar', 'Oxy Pure' and the category 'poor' excluded)
ANNOTATIONS["076f4f33"] = [
    ("bar", "p", None, None),
    (
        "An Indian start-up based out of Delhi-NCR~~cost-effective manner,",
        "f",
        "Oxy Pure",
        "the description on the website",
    ),
    ("rejuvenating", "p", None, None),
    ("consists of an oxygen concentrator~~vigour and energy.", "p", "Oxy Pure", None),
]

# Polygraph.info: Russian claims about al-Tanf and Rukban. Two section headings quote the claim
# under examination; they are quotations of the ministries' statement and are annotated.
# ("de-confliction zone" is a term, excluded.)
ANNOTATIONS["1ee91d1f"] = [
    (
        "bandit formations",
        "p",
        "Russian and Syrian defense ministries",
        "the Russian and Syrian defense ministries",
    ),
    ("patently false,", "p", "Pentagon", "The Pentagon"),
    ("U.S.-controlled bandit formations", "p", "Russian and Syrian defense ministries", None),
    (
        "fairly secular by regional standards~~fight against ISIS.",
        "p",
        "Omar Lamrani",
        "Omar Lamrani",
    ),
    ("certainly absurd.", "p", "Omar Lamrani", "<Lamrani"),
    ("I can say with confidence~~there directly,", "f", "Charles Simpson", "Simpson"),
    ("From my interviews~~indirect and sparse.", "f", "Charles Simpson", "<Simpson", True),
    (
        "… prevent the evacuation of the Syrian civilians from the Rubkan camp",
        "p",
        "Russian and Syrian defense ministries",
        None,
    ),
    ("absolutely not true.", "p", None, "<source"),
    ("Not the U.S. nor any of the U.S.-backed rebels~~leaving the camp,", "f", None, "the source"),
    ("Many people are afraid to return~~northwest Syria.", "f", None, "<the source", True),
    ("is patently false,", "p", "Sean Robertson", "<Sean Robertson"),
    (
        "the United States is not preventing people from leaving Rukban.",
        "p",
        "Sean Robertson",
        "<Sean Robertson",
    ),
    ("Rukban is another example~~inhumane behavior,", "f", "Sean Robertson", "Robertson"),
    ("The (refugees) must not be forced~~to deliver aid.", "f", "Sean Robertson", "<He"),
    (
        "working in particular with the International Coalition Forces~~shelters in Homs.",
        "p",
        "Farhan Aziz Haq",
        "Farhan Aziz Haq",
    ),
    ("Although Berm [Rukban] residents~~in the region,", "f", "Charles Simpson", "Simpson"),
    ("This is a motivation for residents~~say, Palmyra.", "f", "Charles Simpson", "<Simpson", True),
    (
        "The United States does not support forced~~persons within Syria.",
        "f",
        "Sean Robertson",
        "<Robertson",
    ),
]

# CBS News: Fort Worth kidnapping rescue video
ANNOTATIONS["2c46804d"] = [
    ("We got her, we got her!", "f", None, "officers"),
    ("He's in custody; we have her.", "f", None, "<officers", True),
    ("brave, strong, and smart", "p", None, "The victim's mother"),
    ("physical fight", "p", None, "<The victim's mother"),
    (
        "We believe that justice has been served~~another little child again,",
        "f",
        "Nealy Cox",
        "Nealy Cox",
    ),
]

# CBS Sports: Browns and Steelers after the Garrett-Rudolph fight
ANNOTATIONS["08f79376"] = [
    ("can't antagonize a fight~~Just leave it at that.", "p", "Sheldon Richardson", "Richardson"),
    ("The most important thing is we lost that game,", "f", "Cam Heyward", "Heyward"),
    ("I know it got overshadowed~~hide away from that.", "f", "Cam Heyward", "<Heyward", True),
    ("I like the fact that we lost to them~~our shot [again],", "f", "Cam Heyward", "Heyward"),
    ("We've got to right the ship.~~Cincinnati right now.", "f", "Cam Heyward", "<Heyward", True),
]
