/**
 * In-memory, thread-safe stand-ins for the AWS clients the rotator uses, for integration tests, the
 * fleet simulator and the operator CLI: {@link org.bluegreen.testkit.aws.FakeSecretsManager},
 * {@link org.bluegreen.testkit.aws.FakeSsm} and {@link org.bluegreen.testkit.aws.FakeEcs}. Each
 * implements the SDK v2 client interface (unsupported operations keep the interface's
 * UnsupportedOperationException) and throws the SDK's own exception types.
 *
 * <p>Common to all three (see {@link org.bluegreen.testkit.aws.FakeAwsService}):
 * <ul>
 *   <li>the constructor takes a {@link java.time.Clock}; pass a {@link org.bluegreen.testkit.aws.MutableClock}
 *       to control time;
 *   <li>{@code failNextCall(op, e)} throws before the operation changes anything;
 *       {@code failAfterNextCall(op, e)} throws after it did;
 *   <li>{@code calls()} lists the operation names called, {@code clearCalls()} forgets them.
 * </ul>
 * ARNs use region {@code us-east-1} and account {@code 123456789012}.
 *
 * <p>{@link org.bluegreen.testkit.aws.LocalAwsEndpoint} serves the fakes over HTTP (AWS JSON 1.1 on
 * {@code 127.0.0.1}), for code that builds its own SDK clients from the environment ({@code AWS_ENDPOINT_URL})
 * and for the AWS CLI ({@code --endpoint-url}).
 */
package org.bluegreen.testkit.aws;
