"""Question understanding shared by the assistant and its specialists: the analysis of a question
and the contract a specialist answerer fulfils. Sits above retrieval, below figures/eligibility."""
