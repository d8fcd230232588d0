/**
 * The subjects file: who each user of the mesh is (groups, roles, attributes) and the purpose their
 * requests carry by default, for callers that learn only a user name and groups from the query
 * engine. {@link io.meshgov.engine.subjects.SubjectDirectory} loads and checks one
 * (docs/policy-language.md, "Subjects file").
 */
@NullMarked
package io.meshgov.engine.subjects;

import org.jspecify.annotations.NullMarked;
