package one.aisa.langchain4j.benchmarks.routing;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * L2-penalised logistic regression fitted by Newton's method, for the difficulty trainer. The solve of each step is
 * commons-math3's; the gradient and Hessian of a 24-feature model over 14k rows are a few lines, which no small,
 * Apache-licensed library on Maven Central offers as such (Smile is GPL).
 */
final class LogisticRegression {

    private LogisticRegression() {}

    /**
     * Weights for rows {@code z} whose first column is the intercept 1 (not penalised), labels {@code y} in {0, 1},
     * penalty {@code lambda} on the summed log loss.
     */
    static double[] fit(double[][] z, double[] y, double lambda, int iterations) {
        int d = z[0].length;
        double[] w = new double[d];
        for (int iteration = 0; iteration < iterations; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < z.length; i++) {
                double p = sigmoid(dot(w, z[i]));
                double curvature = Math.max(1e-6, p * (1 - p));
                for (int a = 0; a < d; a++) {
                    gradient[a] += (p - y[i]) * z[i][a];
                    for (int b = 0; b <= a; b++) {
                        hessian[a][b] += curvature * z[i][a] * z[i][b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = a + 1; b < d; b++) {
                    hessian[a][b] = hessian[b][a];
                }
                if (a > 0) {
                    gradient[a] += lambda * w[a];
                    hessian[a][a] += lambda;
                }
            }
            RealVector step = new LUDecomposition(new Array2DRowRealMatrix(hessian, false))
                    .getSolver()
                    .solve(new ArrayRealVector(gradient, false));
            for (int a = 0; a < d; a++) {
                w[a] -= step.getEntry(a);
            }
            if (step.getNorm() < 1e-6) {
                break;
            }
        }
        return w;
    }

    static double dot(double[] w, double[] z) {
        double sum = 0;
        for (int j = 0; j < w.length; j++) {
            sum += w[j] * z[j];
        }
        return sum;
    }

    static double sigmoid(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }
}
