"""A realistic news article and site chrome, shared by the whole-page text tests."""

URL = "https://news.example.org/2024/05/12/harbour-council-approves-new-ferry-terminal"

PARAGRAPHS = [
    "The harbour council on Tuesday approved plans for a new ferry terminal on the eastern pier, "
    "ending a dispute that has divided the town for almost three years.",
    "Councillors voted nine to four in favour of the scheme, which will replace the ageing wooden "
    "jetty with a covered terminal, a waiting room and space for two vessels at once.",
    "Supporters said the terminal would bring more visitors in the summer and make the crossing "
    "safer in bad weather, when passengers now wait in the open for up to an hour.",
    "Opponents, including several fishing families, argued that the larger boats would crowd the "
    "inner harbour and that the cost had been underestimated by the consultants.",
    "The council's chair said the final design had been changed after the public consultation, "
    "moving the terminal further from the moorings used by the fishing fleet.",
    "Construction is expected to begin in the autumn and to take about eighteen months, during "
    "which the existing jetty will remain open for the regular service to the islands.",
    "A spokesperson for the ferry operator welcomed the decision and said it would add an extra "
    "sailing on weekdays once the new terminal was in use.",
]

NAV = ["Skip to content", "Home", "News", "Sport", "Business", "Opinion", "Culture", "Travel",
       "Subscribe", "Sign in", "Search"]
