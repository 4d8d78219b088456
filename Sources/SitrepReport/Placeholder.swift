// The HTML report: see ReportBuilder.
