package io.revtops.simulators.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SoqlTest {

    @Test
    void parsesTheConnectorsIncrementalQuery() {
        Soql.Query q = Soql.parse("SELECT Id, Name, LastModifiedDate FROM Opportunity "
                + "WHERE LastModifiedDate > 2026-01-02T03:04:05.000+0000 ORDER BY LastModifiedDate, Id LIMIT 10");

        assertThat(q.object()).isEqualTo("Opportunity");
        assertThat(q.fields()).containsExactly("Id", "Name", "LastModifiedDate");
        Soql.Condition.Compare where = (Soql.Condition.Compare) q.where().orElseThrow();
        assertThat(where.operator()).isEqualTo(">");
        assertThat(((Soql.Literal.DateTime) where.value()).value()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(q.orderBy()).extracting(Soql.Order::field).containsExactly("LastModifiedDate", "Id");
        assertThat(q.limit()).hasValue(10);
    }

    @Test
    void parsesBooleanLogicInAndLike() {
        Soql.Query q = Soql.parse("select Id from Contact where (Email like '%@x.example' or Title = 'CTO') "
                + "and AccountId not in ('001Dm0000000001AAA') and IsDeleted = false");

        Soql.Condition.And and = (Soql.Condition.And) q.where().orElseThrow();
        assertThat(and.parts()).hasSize(3);
        assertThat(and.parts().get(0)).isInstanceOf(Soql.Condition.Or.class);
        assertThat(((Soql.Condition.In) and.parts().get(1)).negated()).isTrue();
    }

    @Test
    void malformedQueriesNameTheProblem() {
        assertThatThrownBy(() -> Soql.parse("SELECT FROM Account")).isInstanceOf(Soql.QueryError.class)
                .hasMessageContaining("FROM");
        assertThatThrownBy(() -> Soql.parse("SELECT Id FROM Account WHERE")).isInstanceOf(Soql.QueryError.class)
                .hasMessageContaining("end of query");
        assertThatThrownBy(() -> Soql.parse("SELECT Id FROM Account LIMIT -1")).isInstanceOf(Soql.QueryError.class);
    }
}
