"""A small, fictional demo world for `make run`: women, mentors, employers, a programme, a fair."""

from typing import Any

DEMO_PASSWORD = "pathways-demo"  # noqa: S105 - printed for newcomers; demo data only

STAFF = {"email": "staff@pathways.demo", "display_name": "Pathways staff"}

WOMEN: list[dict[str, Any]] = [
    {
        "email": "amina@pathways.demo",
        "role": "jobseeker",
        "display_name": "Amina",
        "bio": "I was an accountant in Aleppo for six years. In Athens I help at a community centre "
        "with the registration of new families. I like numbers and tidy spreadsheets and I want to "
        "work with data.",
        "goals": "Learn data analysis and find an entry-level analyst job",
        "skills": ["Excel", "bookkeeping", "customer service"],
        "languages": [
            {"code": "ar", "level": "native"},
            {"code": "en", "level": "B1"},
            {"code": "el", "level": "A2"},
        ],
        "city": "Athens",
        "country": "GR",
        "open_to_remote": True,
        "digital_level": "beginner",
        "availability": ["evenings", "self_paced"],
        "needs_childcare": True,
        "employers_can_view": True,
        "shared_fields": ["display_name", "skills", "languages", "city", "digital_level"],
    },
    {
        "email": "olena@pathways.demo",
        "role": "jobseeker",
        "display_name": "Olena",
        "bio": "Я фронтенд-розробниця з Харкова. Three years of React and TypeScript before the war; "
        "now in Berlin, improving my German and looking for a developer job in a friendly team.",
        "goals": "A junior or mid-level frontend developer job in Berlin or remote",
        "skills": ["JavaScript", "React", "TypeScript", "HTML", "CSS"],
        "languages": [
            {"code": "uk", "level": "native"},
            {"code": "en", "level": "B2"},
            {"code": "de", "level": "B1"},
        ],
        "city": "Berlin",
        "country": "DE",
        "open_to_remote": True,
        "digital_level": "intermediate",
        "availability": ["daytime"],
        "employers_can_view": True,
        "shared_fields": ["display_name", "bio", "skills", "languages", "city", "digital_level"],
    },
    {
        "email": "fatima@pathways.demo",
        "role": "jobseeker",
        "display_name": "Fatima",
        "bio": "Je suis graphiste, j'ai travaillé pour une agence à Casablanca. Je veux passer au design "
        "d'interfaces (UX/UI) et travailler à Lyon.",
        "goals": "Devenir designer UX/UI",
        "skills": ["graphic design", "Illustrator", "Photoshop"],
        "languages": [
            {"code": "fr", "level": "C2"},
            {"code": "ar", "level": "native"},
            {"code": "en", "level": "A2"},
        ],
        "city": "Lyon",
        "country": "FR",
        "open_to_remote": False,
        "digital_level": "intermediate",
        "availability": ["daytime", "evenings"],
    },
    {
        "email": "maria@pathways.demo",
        "role": "entrepreneur",
        "display_name": "María",
        "bio": "Soy cocinera venezolana. I run a small catering business from home in Lisbon for "
        "events and offices, trading for one year. I need a small van and a better website to grow.",
        "goals": "A loan of about 12,000 euros and help with online marketing",
        "skills": ["cooking", "menu costing", "Instagram"],
        "languages": [
            {"code": "es", "level": "native"},
            {"code": "pt", "level": "B2"},
            {"code": "en", "level": "B1"},
        ],
        "city": "Lisbon",
        "country": "PT",
        "open_to_remote": True,
        "digital_level": "beginner",
        "business_stage": "early",
        "funding_need_eur": 12000,
        "availability": ["weekends", "self_paced"],
    },
    {
        "email": "grace@pathways.demo",
        "role": "entrepreneur",
        "display_name": "Grace",
        "bio": "I am a tailor from Lagos living in Athens. I make African print dresses for friends and "
        "want to start my own brand and sell online.",
        "goals": "Start my fashion business and get a first small grant",
        "skills": ["sewing", "pattern making"],
        "languages": [{"code": "en", "level": "native"}],
        "city": "Athens",
        "country": "GR",
        "open_to_remote": True,
        "digital_level": "beginner",
        "business_stage": "idea",
        "funding_need_eur": 5000,
        "availability": ["evenings"],
    },
]

MENTORS: list[dict[str, Any]] = [
    {
        "email": "layla.mentor@pathways.demo",
        "display_name": "Layla",
        "headline": "Data analyst at a logistics firm",
        "bio": "I came to Greece twelve years ago and retrained as a data analyst. I mentor women who "
        "start out with Excel, SQL and dashboards.",
        "expertise": ["SQL", "Excel", "data analysis", "Power BI"],
        "languages": [
            {"code": "ar", "level": "native"},
            {"code": "en", "level": "C1"},
            {"code": "el", "level": "C1"},
        ],
        "city": "Athens",
        "country": "GR",
        "remote": True,
        "capacity": 3,
        "gender": "woman",
        "level": "beginner",
    },
    {
        "email": "sabine.mentor@pathways.demo",
        "display_name": "Sabine",
        "headline": "Senior frontend engineer",
        "bio": "Frontend lead in a Berlin start-up. I help developers prepare for technical interviews "
        "and grow from junior to mid-level.",
        "expertise": ["React", "TypeScript", "code review", "interviews"],
        "languages": [{"code": "de", "level": "native"}, {"code": "en", "level": "C2"}],
        "city": "Berlin",
        "country": "DE",
        "remote": True,
        "capacity": 2,
        "gender": "woman",
        "level": "intermediate",
    },
    {
        "email": "ines.mentor@pathways.demo",
        "display_name": "Inês",
        "headline": "Small-business adviser",
        "bio": "I advise food and craft businesses on bookkeeping, pricing and loan applications. I "
        "started my own bakery fifteen years ago.",
        "expertise": ["business plan", "bookkeeping", "pricing", "microcredit"],
        "languages": [
            {"code": "pt", "level": "native"},
            {"code": "es", "level": "C1"},
            {"code": "en", "level": "B2"},
        ],
        "city": "Lisbon",
        "country": "PT",
        "remote": True,
        "capacity": 2,
        "gender": "woman",
        "audience": "entrepreneur",
    },
    {
        "email": "karim.mentor@pathways.demo",
        "display_name": "Karim",
        "headline": "UX designer",
        "bio": "Product designer in Lyon. Je vous aide à construire un portfolio UX et à préparer vos "
        "entretiens.",
        "expertise": ["UX design", "Figma", "portfolio"],
        "languages": [
            {"code": "fr", "level": "native"},
            {"code": "ar", "level": "C1"},
            {"code": "en", "level": "B2"},
        ],
        "city": "Lyon",
        "country": "FR",
        "remote": False,
        "capacity": 1,
        "gender": "man",
        "level": "intermediate",
    },
]

EMPLOYERS: list[dict[str, Any]] = [
    {
        "name": "Aegean Logistics",
        "email": "hr@aegean.demo",
        "city": "Athens",
        "country": "GR",
        "roles": [
            {
                "title": "Junior data analyst",
                "description": "Clean shipment data and build weekly "
                "reports in Excel and SQL with a friendly analytics team. Training on the job.",
                "skills": ["Excel", "SQL", "data analysis"],
                "languages": [{"code": "en", "level": "B1"}],
                "city": "Athens",
                "country": "GR",
                "remote": False,
                "level": "beginner",
            },
            {
                "title": "Customer support agent (Arabic and English)",
                "description": "Answer customers by "
                "chat and email in Arabic and English; record cases in our ticket system.",
                "skills": ["customer service", "ticketing"],
                "languages": [{"code": "ar", "level": "C1"}, {"code": "en", "level": "B2"}],
                "city": "Athens",
                "country": "GR",
                "remote": True,
                "level": "beginner",
            },
        ],
    },
    {
        "name": "Spree Software",
        "email": "jobs@spree.demo",
        "city": "Berlin",
        "country": "DE",
        "roles": [
            {
                "title": "Frontend developer (React)",
                "description": "Build accessible React and "
                "TypeScript interfaces for a public-transport app. English-speaking team, hybrid.",
                "skills": ["React", "TypeScript", "accessibility"],
                "languages": [{"code": "en", "level": "B2"}],
                "city": "Berlin",
                "country": "DE",
                "remote": True,
                "level": "intermediate",
            },
            {
                "title": "QA tester",
                "description": "Test our mobile apps by hand and write simple "
                "automated checks. German needed for the customer-facing work.",
                "skills": ["manual testing", "Jira"],
                "languages": [{"code": "de", "level": "B2"}],
                "city": "Berlin",
                "country": "DE",
                "remote": False,
                "level": "beginner",
            },
        ],
    },
]

PROGRAMME: dict[str, Any] = {
    "name": "EMEN Start-up Support",
    "email": "team@emen.demo",
    "schemes": [
        {
            "title": "Women founders microloan",
            "description": "Microloans without collateral for women "
            "who start or run a small business, with a mentor for a year. Apply online in English, "
            "Portuguese or Spanish.",
            "languages": [{"code": "en"}, {"code": "pt"}, {"code": "es"}],
            "amount_min_eur": 2000,
            "amount_max_eur": 15000,
            "stages": ["idea", "early"],
            "eligible_countries": [],
        },
        {
            "title": "Growth loan for established businesses",
            "description": "Loans backed by a public "
            "guarantee for businesses with two years of sales that want to expand.",
            "languages": [{"code": "en"}],
            "amount_min_eur": 20000,
            "amount_max_eur": 150000,
            "stages": ["growth"],
            "eligible_countries": [],
        },
        {
            "title": "Athens creative start grant",
            "description": "Grants for new fashion, craft and "
            "design businesses in Greece; coaching on selling online included.",
            "languages": [{"code": "en"}, {"code": "el"}],
            "amount_min_eur": 1000,
            "amount_max_eur": 8000,
            "stages": ["idea"],
            "eligible_countries": ["GR"],
        },
    ],
    "trainings": [
        {
            "title": "Data analysis for beginners: Excel and SQL",
            "description": "Twelve evenings online: "
            "spreadsheets, pivot tables, first SQL queries and a dashboard project. Childcare vouchers.",
            "skills": ["Excel", "SQL", "data analysis"],
            "languages": [{"code": "en", "level": "B1"}],
            "city": "",
            "country": "",
            "remote": True,
            "level": "beginner",
            "schedule": ["evenings"],
            "childcare_offered": True,
        },
        {
            "title": "Arabic-language digital basics",
            "description": "Email, online forms, documents "
            "and safe internet use, taught in Arabic in Athens on weekday mornings.",
            "skills": ["email", "word processing"],
            "languages": [{"code": "ar", "level": None}],
            "city": "Athens",
            "country": "GR",
            "remote": False,
            "level": "beginner",
            "schedule": ["daytime"],
        },
        {
            "title": "UX/UI design bootcamp",
            "description": "From research to prototypes in Figma; "
            "portfolio reviews with designers. En français, à Lyon.",
            "skills": ["UX design", "Figma"],
            "languages": [{"code": "fr", "level": "B2"}],
            "city": "Lyon",
            "country": "FR",
            "remote": False,
            "level": "intermediate",
            "schedule": ["daytime"],
        },
        {
            "title": "Sell online: e-commerce for small businesses",
            "description": "Set up an online "
            "shop, take photos of products, use Instagram and price for profit. Self-paced with "
            "weekly calls.",
            "skills": ["e-commerce", "Instagram", "pricing"],
            "languages": [{"code": "en", "level": "A2"}, {"code": "pt", "level": "A2"}],
            "city": "",
            "country": "",
            "remote": True,
            "level": "beginner",
            "audience": "entrepreneur",
            "schedule": ["self_paced"],
        },
    ],
}
