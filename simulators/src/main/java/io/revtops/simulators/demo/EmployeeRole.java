package io.revtops.simulators.demo;

/** What an employee of the demo company does; decides what they own and appear in. */
public enum EmployeeRole {
    EXECUTIVE, SALES_MANAGER, ACCOUNT_EXECUTIVE, SALES_DEVELOPMENT, CUSTOMER_SUCCESS, SOLUTIONS_ENGINEER, ENGINEER;

    /** Account executives own accounts, contacts and deals. */
    public boolean ownsAccounts() {
        return this == ACCOUNT_EXECUTIVE;
    }

    /** Roles that carry a quota (a goal per quarter). */
    public boolean carriesQuota() {
        return this == ACCOUNT_EXECUTIVE || this == SALES_DEVELOPMENT;
    }

    public boolean isEngineering() {
        return this == ENGINEER || this == SOLUTIONS_ENGINEER;
    }
}
