package io.revtops.simulators.demo;

/** An account's industry with the value each vendor's picklist uses for it. */
public enum Industry {
    SOFTWARE("Computer Software", "COMPUTER_SOFTWARE", "Technology"),
    FINANCIAL_SERVICES("Financial Services", "FINANCIAL_SERVICES", "Finance"),
    HEALTH_CARE("Hospital & Health Care", "HOSPITAL_HEALTH_CARE", "Healthcare"),
    LOGISTICS("Logistics and Supply Chain", "LOGISTICS_AND_SUPPLY_CHAIN", "Transportation"),
    RETAIL("Retail", "RETAIL", "Retail"),
    MANUFACTURING("Industrial Automation", "INDUSTRIAL_AUTOMATION", "Manufacturing"),
    MARKETING("Marketing and Advertising", "MARKETING_AND_ADVERTISING", "Media"),
    EDUCATION("Education Management", "EDUCATION_MANAGEMENT", "Education"),
    TELECOM("Telecommunications", "TELECOMMUNICATIONS", "Communications"),
    INSURANCE("Insurance", "INSURANCE", "Insurance"),
    ENERGY("Oil & Energy", "OIL_ENERGY", "Energy"),
    CONSTRUCTION("Construction", "CONSTRUCTION", "Construction");

    private final String label;
    private final String hubspotValue;
    private final String salesforceValue;

    Industry(String label, String hubspotValue, String salesforceValue) {
        this.label = label;
        this.hubspotValue = hubspotValue;
        this.salesforceValue = salesforceValue;
    }

    public String label() {
        return label;
    }

    public String hubspotValue() {
        return hubspotValue;
    }

    public String salesforceValue() {
        return salesforceValue;
    }
}
