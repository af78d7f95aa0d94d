"""Integrations with other tools (optional extras): cleaner.contrib.scrapy.CleanerPipeline."""
